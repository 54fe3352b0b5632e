// Journeys for sessions across devices: revoking a device expires it without losing its
// local data, and deleting the account wipes this device.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newAccount, openDevice } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
import { readMetaRows } from './pages/device-storage';
import { SettingsPage } from './pages/SettingsPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';

let hearth: Hearth;
let browser: Browser;

beforeAll(async () => {
  [hearth, browser] = await Promise.all([startHearth(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
});

test('a device signed out from another one is told its session expired, and keeps its data', async () => {
  const account = newAccount('Two Devices');
  const laptop = await openDevice(browser, { baseURL: hearth.url });
  const signUp = new SignUpPage(laptop.page);
  await signUp.goto();
  await signUp.signUp(account);
  await new AppShell(laptop.page).emptyState.waitFor();

  const phone = await openDevice(browser, { baseURL: hearth.url, width: 390 });
  await phone.page.goto('/');
  const phoneSignIn = new SignInPage(phone.page);
  await phoneSignIn.signIn(account);
  await new AppShell(phone.page).emptyState.waitFor();

  const settings = new SettingsPage(laptop.page);
  await settings.goto();
  await settings.thisDevice().waitFor();
  expect(await settings.deviceRows.count()).toBe(2);
  const other = settings.deviceRows.filter({ hasNotText: 'This device' });
  await other.getByRole('button', { name: /^Sign out/ }).click();
  await expect.poll(() => settings.deviceRows.count()).toBe(1);
  await settings.thisDevice().waitFor();

  await phone.page.reload();
  await phoneSignIn.expiredNotice.waitFor();
  expect(await phone.page.getByLabel('Email').inputValue()).toBe(account.email);
  expect(await readMetaRows(phone.page)).toMatchObject({ user: { email: account.email } });
  await phoneSignIn.signIn(account);
  await new AppShell(phone.page).emptyState.waitFor();

  await laptop.context.close();
  await phone.context.close();
});

test('deleting the account needs the password, then wipes this device', async () => {
  const account = newAccount('Short Lived');
  const { context, page } = await openDevice(browser, { baseURL: hearth.url });
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(account);
  await new AppShell(page).emptyState.waitFor();
  const settings = new SettingsPage(page);
  await settings.goto();

  const openButton = settings.account.getByRole('button', { name: 'Delete account…' });
  await openButton.click();
  const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await openButton.evaluate((el) => el === document.activeElement)).toBe(true);

  await openButton.click();
  await dialog.getByLabel('Password').fill('not my password');
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await dialog.locator('.field-error, [role="alert"]').first().waitFor();

  await dialog.getByLabel('Password').fill(account.password);
  await dialog.getByRole('button', { name: 'Delete account' }).click();
  await new SignUpPage(page).heading.waitFor();
  expect(new URL(page.url()).pathname).toBe('/signup');

  // Nothing remains on the device: a reload does not find a remembered user.
  await page.goto('/');
  await new SignInPage(page).heading.waitFor();
  expect(await readMetaRows(page)).toEqual({});
  await context.close();
});
