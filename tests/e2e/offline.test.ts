// Journey: after one online visit the installed shell opens offline, still signed in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { backOnline, launchBrowser, newAccount, openDevice, screenshot, stayOffline } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
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

test('the app shell renders offline with the user still signed in', async () => {
  const { context, page } = await openDevice(browser, { baseURL: hearth.url });
  const account = newAccount('Offline Olive');
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(account);
  const shell = new AppShell(page);
  await shell.emptyState.waitFor();

  // Wait until the service worker has precached the shell, then reload so it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await shell.emptyState.waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  expect(await shell.offlineIndicator.isVisible()).toBe(false);

  await context.setOffline(true);
  await page.reload();
  await stayOffline(page);
  await shell.emptyState.waitFor();
  expect(await shell.userName.textContent()).toBe('Offline Olive');
  expect(new URL(page.url()).pathname).toBe('/');
  await shell.offlineIndicator.waitFor();
  await screenshot(page, 'app-shell-offline-1280-light');

  // A deep link works offline too: the service worker answers navigations with the shell.
  await page.goto('/settings');
  await stayOffline(page);
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByText("You're offline. Connect to see your devices.").waitFor();

  // Back online, the indicator goes away without a reload.
  await backOnline(page);
  await shell.offlineIndicator.waitFor({ state: 'detached' });
  await context.close();
});
