// The sidebar's chats in Chromium: create (New chat creates nothing until something is typed),
// rename in place, pin, find by title, delete with undo (and without: the chat stays deleted
// after a reload), the drawer at phone width, and 10,000 chats. Saves sidebar-*.png into
// test-results/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { storeManyChats } from '../../bench/client/chat-list-fixture';
import type { SyncResponse } from '../../shared/api/sync';
import { listThreads } from '../../shared/docs/index-doc';
import { indexDocName } from '../../shared/docs/names';
import { ApiClient } from '../support/api-client';
import { launchBrowser, newAccount, openDevice, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
import { ChatPage } from './pages/ChatPage';
import { ConversationPage } from './pages/ConversationPage';
import { HomePage } from './pages/HomePage';
import { layoutProblems, looksDark } from './pages/layout';
import { SearchPalette } from './pages/SearchPalette';
import { Sidebar } from './pages/Sidebar';
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

async function signUp(width = 1280, colorScheme: 'light' | 'dark' = 'light') {
  const device = await openDevice(browser, { baseURL: hearth.url, width, colorScheme });
  const signUpPage = new SignUpPage(device.page);
  const account = newAccount();
  await signUpPage.goto();
  await signUpPage.signUp(account);
  await new AppShell(device.page).emptyState.waitFor();
  return { ...device, account, sidebar: new Sidebar(device.page) };
}

/** The chats in the server's copy of the account's index doc, deleted ones included. */
async function serverThreads(account: { email: string; password: string }) {
  const api = new ApiClient(hearth.url);
  const login = await api.post<{ user: { id: string } }>('/api/auth/login', account);
  const answer = await api.post<SyncResponse>('/api/sync', {
    docs: [{ name: indexDocName(login.body.user.id), stateVector: '' }],
  });
  const index = new Y.Doc();
  for (const doc of answer.body.docs) Y.applyUpdate(index, Buffer.from(doc.update, 'base64'));
  return listThreads(index);
}

/** Creates chats with these titles, oldest first, each renamed by double-clicking its row. */
async function createChats(sidebar: Sidebar, titles: string[]): Promise<void> {
  for (const title of titles) {
    await sidebar.createChat();
    await sidebar.renameOpenChat(title);
  }
}

test('chats: create, rename in place, pin, find by title', async () => {
  const { context, page, sidebar } = await signUp();
  await sidebar.empty.getByText('No chats yet').waitFor();

  await createChats(sidebar, ['Groceries', 'Trip to Lisbon']);
  await sidebar.createChat();
  // The other two ways to rename: the actions menu, and F2 on the focused row.
  await sidebar.renameFromMenu('New chat', 'Draft');
  await sidebar.link('Draft').focus();
  await page.keyboard.press('F2');
  await sidebar.renameField.fill('Lisbon recipes');
  await sidebar.renameField.press('Enter');
  await sidebar.link('Lisbon recipes').waitFor();
  // Enter gave focus back to the renamed row.
  expect(await sidebar.link('Lisbon recipes').evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await sidebar.outline()).toEqual(['# Today', 'Lisbon recipes', 'Trip to Lisbon', 'Groceries']);

  // Esc cancels a rename.
  await sidebar.link('Groceries').dblclick();
  await sidebar.renameField.fill('Something else');
  await sidebar.renameField.press('Escape');
  await sidebar.link('Groceries').waitFor();

  // Not polled: the pin is drawn in the render of its click.
  await sidebar.chooseFromMenu('Groceries', 'Pin');
  expect(await sidebar.outline()).toEqual(['# Pinned', 'Groceries', '# Today', 'Lisbon recipes', 'Trip to Lisbon']);

  // Search finds chats by title (and by their messages: tests/e2e/search.test.ts).
  const search = new SearchPalette(page);
  await sidebar.search.click();
  await search.search('lisbon');
  await expect.poll(() => search.chatTitles().then((t) => t.sort())).toEqual(['Lisbon recipes', 'Trip to Lisbon']);
  await search.search('lisbon trip');
  await expect.poll(() => search.chatTitles()).toEqual(['Trip to Lisbon']);
  await search.search('paris');
  await search.empty.getByText('No results for “paris”').waitFor();
  await search.close();
  expect(await sidebar.outline()).toEqual(['# Pinned', 'Groceries', '# Today', 'Lisbon recipes', 'Trip to Lisbon']);

  await sidebar.open('Trip to Lisbon');
  await sidebar.menuButton('Lisbon recipes').hover();
  await screenshot(page, 'sidebar-1280-light');
  await sidebar.openMenu('Lisbon recipes');
  await screenshot(page, 'sidebar-menu-1280-light');
  await page.keyboard.press('Escape');

  await page.reload();
  await sidebar.link('Groceries').waitFor();
  expect(await sidebar.outline()).toEqual(['# Pinned', 'Groceries', '# Today', 'Lisbon recipes', 'Trip to Lisbon']);
  await context.close();
});

test('New chat opens the home composer: leaving it creates no chat, typing in it creates exactly one', async () => {
  const { context, page, sidebar, account } = await signUp();
  const home = new HomePage(page);
  const cursorInDraft = () => page.waitForFunction(() => document.activeElement?.id === 'draft');
  await createChats(sidebar, ['Groceries']);

  // From a chat: the home composer, the cursor in it, and still one chat.
  await sidebar.newChat.click();
  await home.heading.waitFor();
  await cursorInDraft();
  // Left for another chat, by a reload, and for Settings; the shortcut from a chat too.
  await sidebar.open('Groceries');
  await page.keyboard.press('Control+Shift+O');
  await home.heading.waitFor();
  await cursorInDraft();
  await page.reload();
  await home.heading.waitFor();
  await sidebar.link('Groceries').waitFor();
  // At home already, New chat puts the cursor back in the composer.
  await home.heading.click();
  await sidebar.newChat.click();
  await cursorInDraft();
  await new AppShell(page).goToSettings();
  await sidebar.newChat.click();
  await home.heading.waitFor();
  expect(await sidebar.titles()).toEqual(['Groceries']);
  // The server holds what this device wrote: no chat came of any of it.
  await new ChatPage(page).waitForSynced();
  expect((await serverThreads(account)).map((t) => t.title)).toEqual(['Groceries']);

  // Typing after New chat creates one chat, holding all that was typed, and opens it.
  await cursorInDraft();
  await page.keyboard.type('Soup for tonight');
  await page.waitForURL((url) => /\/t\/[0-9a-f]{32}$/.test(url.pathname));
  const id = page.url().split('/t/')[1]!;
  await sidebar.waitUntilOpen(id);
  await expect.poll(() => new ConversationPage(page).draft.inputValue()).toBe('Soup for tonight');
  expect(await sidebar.titles()).toEqual(['New chat', 'Groceries']);
  await new ChatPage(page).waitForSynced();
  const titles = (await serverThreads(account)).map((t) => t.title);
  expect(titles.sort()).toEqual(['Groceries', 'New chat']);
  await context.close();
});

// The router renders a navigation as a React transition: on a slow device the URL changes
// well before the page and the highlighted row do. Acting on the URL alone renamed the
// previous chat (the e2e flake that once needed a retry); the page objects wait for the row.
test('a slow device (CPU 6× slower): each new chat opens, and renaming the open chat renames it', async () => {
  const { context, page, sidebar } = await signUp();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await createChats(sidebar, ['One', 'Two', 'Three']);
  expect(await sidebar.titles()).toEqual(['Three', 'Two', 'One']);
  await context.close();
});

// The list once read a view of the index doc written 150 ms after the doc, so a pin moved
// the rows that long after its click, and a click in that moment was lost (a11y's run 12 of
// 20 never opened the chat it clicked). The list reads the doc now: the rows move in the
// render of the click, and stay where that render drew them.
test('a chat clicked where it was drawn just after pinning another opens: the pin moved the rows at once', async () => {
  const { context, page, sidebar } = await signUp();
  await createChats(sidebar, ['Groceries', 'Trip to Lisbon', 'Lisbon recipes']);
  const tripId = (await sidebar.link('Trip to Lisbon').getAttribute('href'))!.split('/t/')[1]!;
  const menu = await sidebar.openMenu('Groceries');
  // Pin, and where the click's render drew the other chat: measured before any timer the
  // click set can fire (a timeout of 0 is due first), however slow this machine is.
  const drawn = await menu.getByRole('menuitem', { name: 'Pin' }).evaluate(async (pin, href) => {
    (pin as HTMLElement).click();
    await new Promise((rendered) => setTimeout(rendered, 0));
    const box = document.querySelector(`#sidebar .thread-list a[href="${href}"]`)!.getBoundingClientRect();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }, `/t/${tripId}`);
  // Rows that moved later would have moved once the list shows the pin.
  await sidebar.waitUntilPinned('Groceries', true);
  await page.mouse.click(drawn.x, drawn.y);
  await sidebar.waitUntilOpen(tripId);
  await context.close();
});

test('delete: Undo brings the chat back; without it the chat stays deleted', async () => {
  const { context, page, sidebar, account } = await signUp();
  await createChats(sidebar, ['Keep me', 'Undo me', 'Delete me', 'Delete on leaving']);

  // The open chat is deleted: the page goes home, and Undo opens the chat again.
  const undoId = await sidebar.open('Undo me');
  await sidebar.chooseFromMenu('Undo me', 'Delete');
  await sidebar.undoToast.getByText('Chat deleted').waitFor();
  await sidebar.link('Undo me').waitFor({ state: 'detached' });
  await page.waitForURL((url) => url.pathname === '/');
  await sidebar.undoButton.click();
  await sidebar.link('Undo me').waitFor();
  await page.waitForURL((url) => url.pathname === `/t/${undoId}`);
  await sidebar.undoToast.waitFor({ state: 'detached' });

  // No undo: the notice runs out (about 6 s), then the tombstone is written.
  await sidebar.chooseFromMenu('Delete me', 'Delete');
  await sidebar.link('Delete me').waitFor({ state: 'detached' });
  await sidebar.undoToast.waitFor({ state: 'detached', timeout: 10_000 });

  // Leaving the page while the notice shows writes the deletion at once.
  await sidebar.chooseFromMenu('Delete on leaving', 'Delete');
  await sidebar.undoToast.waitFor();
  await page.reload();
  await sidebar.link('Keep me').waitFor();
  await sidebar.link('Undo me').waitFor();
  expect(await sidebar.titles()).toEqual(['Undo me', 'Keep me']);

  // The server holds the tombstones too, so no other device will bring the chats back.
  await expect
    .poll(async () =>
      (await serverThreads(account))
        .filter((t) => t.deletedAt !== null)
        .map((t) => t.title)
        .sort(),
    )
    .toEqual(['Delete me', 'Delete on leaving']);
  await context.close();
});

test('phone width: the sidebar is a drawer, and its menu and undo work inside it', async () => {
  const { context, page, sidebar } = await signUp(390);
  const shell = new AppShell(page);
  await shell.openSidebar();
  await sidebar.empty.getByText('No chats yet').waitFor();
  await screenshot(page, 'sidebar-empty-390-light');
  await sidebar.createChat(); // following a chat closes the drawer
  await sidebar.nav.waitFor({ state: 'hidden' });
  await shell.openSidebar();
  await sidebar.renameFromMenu('New chat', 'Weekend plans');
  await sidebar.createChat();
  await shell.openSidebar();
  await sidebar.renameFromMenu('New chat', 'Birthday gift ideas for Sam');
  await screenshot(page, 'sidebar-390-light');

  await sidebar.chooseFromMenu('Weekend plans', 'Delete');
  await sidebar.undoToast.waitFor();
  await screenshot(page, 'sidebar-undo-390-light');
  await sidebar.undoButton.click();
  await sidebar.link('Weekend plans').waitFor();
  await context.close();
});

test('dark mode, desktop and phone: a long title, the menu, search and the shortcuts sheet laid out whole', async () => {
  const { context, page, sidebar } = await signUp(1280, 'dark');
  /** Drawn dark, nothing cut off, covered or scrolling sideways; then saved to look at. */
  const expectLaidOut = async (screen: string) => {
    expect(await layoutProblems(page), screen).toEqual([]);
    expect(await looksDark(page), screen).toBe(true);
    await screenshot(page, screen);
  };
  await createChats(sidebar, ['Groceries', 'Trip to Lisbon', 'A rather long title that will not fit the sidebar']);
  await sidebar.chooseFromMenu('Groceries', 'Pin');
  await sidebar.link('Groceries').waitFor();
  await sidebar.openMenu('Trip to Lisbon');
  await expectLaidOut('sidebar-1280-dark');
  await page.keyboard.press('Escape');
  const search = new SearchPalette(page);
  await search.open();
  await search.search('lisbon');
  await expect.poll(() => search.chatTitles()).toEqual(['Trip to Lisbon']);
  await expectLaidOut('search-1280-dark');
  await search.close();
  await sidebar.nav.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await expectLaidOut('sidebar-shortcuts-1280-dark');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 390, height: 844 });
  const shell = new AppShell(page);
  await shell.openSidebar();
  await sidebar.openMenu('A rather long title that will not fit the sidebar');
  await expectLaidOut('sidebar-390-dark');
  await context.close();
});

// Their scrolling speed is measured by `npm run bench:sidebar`; this checks what it shows.
test('10,000 chats: listed, only the rows in view drawn, scrolled to the oldest, found by title', async () => {
  const account = newAccount();
  const api = new ApiClient(hearth.url);
  const user = await api.signup(account.email, account.password, account.name);
  await storeManyChats(api, user.id, 10_000);

  const { context, page } = await openDevice(browser, { baseURL: hearth.url, width: 1280 });
  await page.goto('/signin');
  await new SignInPage(page).signIn(account);
  const sidebar = new Sidebar(page);
  await sidebar.link('Chat number 0').waitFor({ timeout: 60_000 });
  expect((await sidebar.outline()).slice(0, 4)).toEqual([
    '# Pinned',
    'Chat number 7',
    'Chat number 2507',
    'Chat number 5007',
  ]);
  const drawn = () => sidebar.list.locator('li').count();
  expect(await drawn()).toBeLessThan(120); // virtualised: only the rows in view (and a few more)

  // At the bottom: the oldest chat, and still only the rows in view.
  await sidebar.scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await sidebar.link('Chat number 9999').waitFor();
  expect(await drawn()).toBeLessThan(120);
  expect(await sidebar.link('Chat number 0').count()).toBe(0);

  const search = new SearchPalette(page);
  await search.open();
  await search.search('number 4242');
  await expect.poll(() => search.chatTitles(), { timeout: 30_000 }).toEqual(['Chat number 4242']);
  await search.close();
  await screenshot(page, 'sidebar-10k-1280-light');
  await context.close();
}, 180_000);
