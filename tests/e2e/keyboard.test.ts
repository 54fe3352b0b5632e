// Keyboard use: the skip link comes first, and the phone-width drawer behaves like a
// dialog (focus moves in, the page behind is inert, Esc closes and returns focus); the
// app's shortcuts (Ctrl+K opens search, Ctrl+Shift+O, ?) and the sheet listing them; a chat's actions
// menu driven from the keyboard.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SHORTCUTS, type Shortcut, shortcutKeys } from '../../client/ui/shortcuts';
import { launchBrowser, newAccount, openDevice } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
import { HomePage } from './pages/HomePage';
import { SearchPalette } from './pages/SearchPalette';
import { Sidebar } from './pages/Sidebar';
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

async function signUp(width: number) {
  const device = await openDevice(browser, { baseURL: hearth.url, width });
  const signUpPage = new SignUpPage(device.page);
  await signUpPage.goto();
  await signUpPage.signUp(newAccount());
  const shell = new AppShell(device.page);
  await shell.emptyState.waitFor();
  return { ...device, shell, sidebar: new Sidebar(device.page) };
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const activeName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

test('shortcuts: Ctrl+Shift+O opens a new chat, Ctrl+K searches, ? opens the sheet', async () => {
  const { context, page, sidebar } = await signUp(1280);
  await sidebar.createChat();

  // Typing in a chat, Ctrl+Shift+O opens the home composer with the cursor in it; what is
  // typed next starts the second chat.
  await page.keyboard.press('Control+Shift+O');
  await new HomePage(page).heading.waitFor();
  await expect.poll(() => activeId(page)).toBe('draft');
  await page.keyboard.type('H');
  await expect.poll(() => sidebar.titles()).toEqual(['New chat', 'New chat']);
  // The new chat is open with the cursor back in its draft (before Ctrl+K moves it).
  await page.locator('#thread-title').waitFor();
  await expect.poll(() => activeId(page)).toBe('draft');

  const search = new SearchPalette(page);
  await search.open();
  expect(await search.input.evaluate((el) => el === document.activeElement)).toBe(true);
  // Typed into a field, "?" is just a character.
  await page.keyboard.type('?');
  expect(await search.input.inputValue()).toBe('?');
  expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
  await search.close();

  await page.getByRole('main').click({ position: { x: 600, y: 300 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await sheet.waitFor();
  // Every shortcut the keyboard handlers answer to (client/ui/shortcuts.ts), with its keys.
  const byDescription = (a: { description: string }, b: { description: string }) =>
    a.description.localeCompare(b.description);
  const drawn = await sheet.locator('.shortcut').evaluateAll((rows) =>
    rows.map((row) => ({
      description: row.querySelector('dd')?.textContent ?? '',
      keys: [...row.querySelectorAll('kbd')].map((kbd) => kbd.textContent ?? ''),
    })),
  );
  const registered = Object.values(SHORTCUTS as Record<string, Shortcut>).map((shortcut) => ({
    description: shortcut.description,
    keys: shortcutKeys(shortcut).flat(),
  }));
  expect(drawn.toSorted(byDescription)).toEqual(registered.toSorted(byDescription));
  expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true); // modal: focus stays in
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'hidden' });

  // The sidebar's button opens it too, and focus returns to the button.
  const button = sidebar.nav.getByRole('button', { name: 'Keyboard shortcuts' });
  await button.click();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await sheet.waitFor({ state: 'hidden' });
  expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
  await context.close();
});

test("a chat's actions menu works from the keyboard", async () => {
  const { context, page, sidebar } = await signUp(1280);
  for (const title of ['First', 'Second']) {
    await sidebar.createChat();
    await sidebar.renameOpenChat(title);
  }

  await sidebar.menuButton('First').focus();
  await page.keyboard.press('Enter');
  await sidebar.menu.waitFor();
  expect(await activeName(page)).toBe('Rename');
  const steps: [string, string][] = [
    ['ArrowDown', 'Pin'],
    ['ArrowDown', 'Delete'],
    ['ArrowDown', 'Rename'], // wraps around
    ['ArrowUp', 'Delete'],
    ['Home', 'Rename'],
    ['End', 'Delete'],
  ];
  for (const [key, item] of steps) {
    await page.keyboard.press(key);
    expect(await activeName(page)).toBe(item);
  }
  await page.keyboard.press('Escape');
  await sidebar.menu.waitFor({ state: 'detached' });
  expect(await activeName(page)).toBe('Actions for First');

  // ArrowUp opens the menu at its last item; Pin moves the chat, and focus follows it.
  await page.keyboard.press('ArrowUp');
  expect(await activeName(page)).toBe('Delete');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => sidebar.outline()).toEqual(['# Pinned', 'First', '# Today', 'Second']);
  await expect.poll(() => activeName(page)).toBe('Actions for First');

  // Delete from the keyboard: focus moves to the next chat, and Ctrl+Z undoes.
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await sidebar.undoToast.waitFor();
  await expect.poll(() => sidebar.titles()).toEqual(['Second']);
  expect(await activeName(page)).toBe('Second');
  await page.keyboard.press('Control+z');
  await expect.poll(() => sidebar.titles()).toEqual(['First', 'Second']);
  await sidebar.undoToast.waitFor({ state: 'detached' });
  await context.close();
});

test('at phone width, Ctrl+K opens search over the whole screen; Esc gives focus back', async () => {
  const { context, page, shell } = await signUp(390);
  await shell.menuButton.focus();
  const search = new SearchPalette(page);
  await search.open();
  expect(await search.input.evaluate((el) => el === document.activeElement)).toBe(true);
  await search.close();
  expect(await shell.menuButton.evaluate((el) => el === document.activeElement)).toBe(true);
  await context.close();
});
