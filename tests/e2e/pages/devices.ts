// Signed-in devices for journeys: a new account signed up on a fresh device, and more
// devices signed in to that account, each waiting on its empty home page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DeviceOptions, newAccount, openDevice } from '../../support/browser';
import { AppShell } from './AppShell';
import { SignInPage } from './SignInPage';
import { SignUpPage } from './SignUpPage';

export type Account = ReturnType<typeof newAccount>;

export interface SignedInDevice {
  context: BrowserContext;
  page: Page;
  account: Account;
}

/** A fresh device on which a new account (named `name`) has just signed up. */
export async function signUpOnNewDevice(
  browser: Browser,
  options: DeviceOptions & { name?: string },
): Promise<SignedInDevice> {
  const account = newAccount(options.name);
  const device = await openDevice(browser, options);
  const signUp = new SignUpPage(device.page);
  await signUp.goto();
  await signUp.signUp(account);
  await new AppShell(device.page).emptyState.waitFor();
  return { ...device, account };
}

/** Another fresh device, signed in to `account`. */
export async function signInOnNewDevice(
  browser: Browser,
  account: Account,
  options: DeviceOptions,
): Promise<SignedInDevice> {
  const device = await openDevice(browser, options);
  await device.page.goto('/signin');
  await new SignInPage(device.page).signIn(account);
  await new AppShell(device.page).emptyState.waitFor();
  return { ...device, account };
}
