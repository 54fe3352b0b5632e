// The main screens at desktop and phone widths, light and dark, as a person sees them:
// drawn in the chosen colour scheme, the page never scrolling sideways, every control on
// screen whole and not covered by something else, and the sidebar beside the page on a
// desktop but a drawer on a phone. Also saves each screen into test-results/ to look at.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newAccount, openDevice, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
import { layoutProblems, looksDark } from './pages/layout';
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
  const phone = width < 768;
  const suffix = `${width}-${colorScheme}`;
  /** The screen is laid out whole, in the device's colour scheme; then saved to look at. */
  const expectLaidOut = async (screen: string) => {
    expect(await layoutProblems(page), screen).toEqual([]);
    expect(await looksDark(page), `${screen} is drawn ${colorScheme}`).toBe(colorScheme === 'dark');
    await screenshot(page, `${screen}-${suffix}`);
  };

  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.submitButton.waitFor();
  await expectLaidOut('sign-up');

  await signUp.signUp(newAccount());
  const shell = new AppShell(page);
  await shell.emptyState.waitFor();
  // A desktop shows the sidebar beside the page; a phone hides it behind the menu button.
  expect(await shell.sidebar.isVisible()).toBe(!phone);
  expect(await shell.menuButton.isVisible()).toBe(phone);
  await expectLaidOut('app-shell');

  if (phone) {
    await shell.openSidebar();
    expect(await onScreen(shell.sidebar)).toBe(true);
    await expectLaidOut('app-drawer');
    await page.keyboard.press('Escape');
    await shell.sidebar.waitFor({ state: 'hidden' });
  }

  await shell.goToSettings();
  await new SettingsPage(page).thisDevice().waitFor();
  if (phone) await shell.sidebar.waitFor({ state: 'hidden' }); // the drawer slides away
  await expectLaidOut('settings');
  await context.close();
});

/** Whether the element lies wholly within the viewport's width. */
function onScreen(element: Locator): Promise<boolean> {
  return element.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.left >= 0 && box.right <= document.documentElement.clientWidth;
  });
}
