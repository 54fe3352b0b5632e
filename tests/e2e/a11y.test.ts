// axe-core on the main screens — the sidebar with chats, its menu, a conversation, the
// shortcuts sheet, settings, and the phone-width drawer — in light and dark, asserting no
// serious or critical violations. Every finding is printed, with its rule, element and fix.
import type { Result } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, newAccount, openDevice } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
import { axeFindings, isSerious } from './pages/axe';
import { ConversationPage } from './pages/ConversationPage';
import { SearchPalette } from './pages/SearchPalette';
import { SettingsPage } from './pages/SettingsPage';
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

function describe(screen: string, violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target.join(' ')}  ${n.html.slice(0, 160)}`).join('\n');
      return `  [${screen}] ${v.impact} ${v.id}: ${v.help}\n${nodes}`;
    })
    .join('\n');
}

/** Audits the screen, prints everything found, and fails on serious or critical findings. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await axeFindings(page);
  if (violations.length) console.log(`axe findings:\n${describe(screen, violations)}`);
  const severe = violations.filter(isSerious);
  expect(
    severe.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    screen,
  ).toEqual([]);
}

test.each(['light', 'dark'] as const)('main screens at 1280 px, %s', async (colorScheme) => {
  const { context, page } = await openDevice(browser, { baseURL: hearth.url, width: 1280, colorScheme });
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(newAccount());
  const shell = new AppShell(page);
  await shell.emptyState.waitFor();
  const sidebar = new Sidebar(page);
  await expectAccessible(page, `home, no chats (${colorScheme})`);

  for (const title of ['Groceries', 'Trip to Lisbon', 'Lisbon recipes']) {
    await sidebar.createChat();
    await sidebar.renameOpenChat(title);
  }
  await sidebar.chooseFromMenu('Groceries', 'Pin');
  await sidebar.open('Trip to Lisbon');
  const conversation = new ConversationPage(page);
  await conversation.ready();
  await conversation.sendMessage('What should I see in Lisbon?');
  // This server has no provider key: the reply fails, and says so.
  await conversation.waitForStatus(conversation.last, 'error');
  await expectAccessible(page, `conversation with sidebar (${colorScheme})`);

  await sidebar.openMenu('Lisbon recipes');
  await expectAccessible(page, `chat actions menu (${colorScheme})`);
  await page.keyboard.press('Escape');

  const search = new SearchPalette(page);
  await search.open();
  await search.search('lisbon');
  await search.group('Trip to Lisbon').waitFor();
  await expectAccessible(page, `search with results (${colorScheme})`);
  await search.search('nothing like this');
  await search.empty.waitFor();
  await expectAccessible(page, `search with no match (${colorScheme})`);
  await search.close();

  await sidebar.nav.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await expectAccessible(page, `shortcuts sheet (${colorScheme})`);
  await page.keyboard.press('Escape');

  await sidebar.chooseFromMenu('Lisbon recipes', 'Delete');
  await sidebar.undoToast.waitFor();
  await expectAccessible(page, `undo notice (${colorScheme})`);

  await shell.goToSettings();
  await new SettingsPage(page).thisDevice().waitFor();
  await expectAccessible(page, `settings (${colorScheme})`);
  await context.close();
});

test('phone width: the drawer and the conversation', async () => {
  const { context, page } = await openDevice(browser, { baseURL: hearth.url, width: 390 });
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(newAccount());
  const shell = new AppShell(page);
  await shell.emptyState.waitFor();
  const sidebar = new Sidebar(page);
  await shell.openSidebar();
  await sidebar.createChat();
  await expectAccessible(page, 'conversation (390 px)');
  await shell.openSidebar();
  await sidebar.renameFromMenu('New chat', 'Weekend plans');
  await expectAccessible(page, 'open drawer (390 px)');
  await context.close();
});
