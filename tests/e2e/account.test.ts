// Journeys for the account foundation: sign up, settings (password, devices), sign out.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, newAccount, openDevice } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
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

describe('account', () => {
  test('signing up lands in the app with the user shown', async () => {
    const { context, page } = await openDevice(browser, { baseURL: hearth.url });
    const account = newAccount('Grace Hopper');
    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.signUp(account);

    const shell = new AppShell(page);
    await shell.emptyState.waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await shell.userName.textContent()).toBe('Grace Hopper');
    expect(await shell.sidebar.getByText(account.email).isVisible()).toBe(true);
    await context.close();
  });

  test('settings: password field error, this device listed, sign out returns to sign-in', async () => {
    const { context, page } = await openDevice(browser, { baseURL: hearth.url });
    const account = newAccount();
    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.signUp(account);
    const shell = new AppShell(page);
    await shell.emptyState.waitFor();
    await shell.goToSettings();

    const settings = new SettingsPage(page);
    await settings.changePassword(account.password, 'short');
    const error = settings.fieldError('New password');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/too short/i);
    expect(await settings.account.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');

    await settings.thisDevice().waitFor();
    expect(await settings.deviceRows.count()).toBe(1);
    expect(await settings.thisDevice().textContent()).toContain('Chrome');

    await settings.signOut();
    const signIn = new SignInPage(page);
    await signIn.heading.waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');

    // Signed out for real: the app is not reachable without signing in again.
    await page.goto('/settings');
    await signIn.heading.waitFor();
    await context.close();
  });
});
