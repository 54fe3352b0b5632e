// Keyboard use: the skip link comes first, and the phone-width drawer behaves like a
// dialog (focus moves in, the page behind is inert, Esc closes and returns focus).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newAccount, openDevice } from '../support/browser';
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

const focusedName = (shell: AppShell) =>
  shell.page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

test('the drawer traps focus and closes on Escape', async () => {
  const { context, page } = await openDevice(browser, { baseURL: hearth.url, width: 390 });
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(newAccount());
  const shell = new AppShell(page);
  await shell.emptyState.waitFor();
  // After signing up, focus moved to the new page's main landmark.
  expect(await shell.main.evaluate((el) => el === document.activeElement)).toBe(true);

  await page.reload();
  await shell.emptyState.waitFor();
  await page.keyboard.press('Tab');
  expect(await focusedName(shell)).toBe('Skip to content');
  await page.keyboard.press('Tab');
  expect(await focusedName(shell)).toBe('Open menu'); // the hidden drawer is skipped

  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Close menu' }).waitFor();
  expect(await focusedName(shell)).toBe('Close menu');
  expect(await shell.main.evaluate((el) => (el as HTMLElement).inert)).toBe(true);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#sidebar') != null)).toBe(true);
  }

  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Close menu' }).waitFor({ state: 'detached' });
  expect(await focusedName(shell)).toBe('Open menu');
  expect(await shell.main.evaluate((el) => (el as HTMLElement).inert)).toBe(false);
  await context.close();
});
