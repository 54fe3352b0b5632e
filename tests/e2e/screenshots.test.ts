// Saves screenshots of the main screens at desktop and phone widths, light and dark, into
// test-results/ for a person to look at; asserts only that each screen rendered.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, test } from 'vitest';
import { launchBrowser, newAccount, openDevice, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
import { SettingsPage } from './pages/SettingsPage';
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

const VARIANTS = [
  { width: 1280, colorScheme: 'light' },
  { width: 390, colorScheme: 'light' },
  { width: 1280, colorScheme: 'dark' },
  { width: 390, colorScheme: 'dark' },
] as const;

test.each(VARIANTS)('screens at $width px, $colorScheme', async ({ width, colorScheme }) => {
  const { context, page } = await openDevice(browser, { baseURL: hearth.url, width, colorScheme });
  const suffix = `${width}-${colorScheme}`;
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await screenshot(page, `sign-up-${suffix}`);

  await signUp.signUp(newAccount());
  const shell = new AppShell(page);
  await shell.emptyState.waitFor();
  await screenshot(page, `app-shell-${suffix}`);
  if (width < 768) {
    await shell.openSidebar();
    await page.waitForTimeout(300); // the drawer slides in
    await screenshot(page, `app-drawer-${suffix}`);
    await page.keyboard.press('Escape');
    await shell.sidebar.waitFor({ state: 'hidden' });
  }

  await shell.goToSettings();
  await new SettingsPage(page).thisDevice().waitFor();
  if (width < 768) await shell.sidebar.waitFor({ state: 'hidden' }); // the drawer slides away
  await screenshot(page, `settings-${suffix}`);
  await context.close();
});
