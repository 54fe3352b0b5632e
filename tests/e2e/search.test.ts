// Search on the device in Chromium: with the network off it finds a message on a branch the
// chat is not showing and opens the chat there (branch switched, message marked); results
// follow a reply as it streams; a deleted chat never shows, not even during its undo; and a
// reload reads the stored index back instead of building it again. Saves screenshots of the
// palette on a desktop and a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { promptText } from '../fake-ai/replies';
import { launchBrowser, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { ConversationPage } from './pages/ConversationPage';
import { readMetaRows } from './pages/device-storage';
import { signUpOnNewDevice } from './pages/devices';
import { SearchPalette } from './pages/SearchPalette';
import { Sidebar } from './pages/Sidebar';

let fake: FakeAi;
let hearth: Hearth;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeAi({ defaults: { tokenDelayMs: 5 } });
  [hearth, browser] = await Promise.all([
    // A reply held open by the fake must not time out while the test looks at it.
    startHearth({ env: { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'fake', HEARTH_AI_TIMEOUT_SECONDS: '600' } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
  await fake?.close();
});

beforeEach(() => fake.reset());

/** Scripts the streamed replies whose prompt contains `marker`. */
const onReply = (marker: string, behaviour: Parameters<FakeAi['when']>[1], times?: number) =>
  fake.when((request) => request.stream === true && promptText(request).includes(marker), behaviour, times);

async function signedIn(width = 1280) {
  const device = await signUpOnNewDevice(browser, { baseURL: hearth.url, width });
  return { ...device, sidebar: new Sidebar(device.page), search: new SearchPalette(device.page) };
}

/** Starts a chat and sends `text`; waits for the reply to finish. Returns the chat's id. */
async function chatAbout(sidebar: Sidebar, text: string): Promise<{ id: string; chat: ConversationPage }> {
  const id = await sidebar.createChat();
  const chat = new ConversationPage(sidebar.page);
  await chat.ready();
  await chat.sendMessage(text);
  await chat.waitForStatus(chat.last, 'done');
  return { id, chat };
}

/** Records every message the conversation marks as found (it is marked only for a moment). */
const watchFound = (page: Page) =>
  page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { foundMessages: string[] }).foundMessages = seen;
    // Marked as it is drawn, or once drawn: look for the mark after any change.
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[data-found]')) {
        const text = el.textContent ?? '';
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-found'], childList: true });
  });
const foundMessages = (page: Page) =>
  page.evaluate(() => (window as unknown as { foundMessages: string[] }).foundMessages);

const searchState = async (page: Page) => {
  const meta = await readMetaRows(page);
  const user = meta.user as { id: string };
  return meta[`search:${user.id}`] as { builds: number; seq: number; version: number } | undefined;
};

test('offline, a message on a branch not shown is found and opened there: branch switched, message marked', async () => {
  const { context, page, sidebar, search } = await signedIn();
  onReply('marsupials', { reply: 'Quokkas are marsupials that live on Rottnest Island.' }, 1);
  const { id, chat } = await chatAbout(sidebar, 'Tell me about marsupials');
  // Regenerating makes a second branch, which becomes the one shown.
  await chat.last.hover();
  await chat.action(chat.last, 'Regenerate').click();
  await chat.waitForStatus(chat.last, 'done');
  await chat.withText('Echo: Tell me about marsupials').waitFor();
  expect(await chat.versions(chat.last)).toBe('2/2');
  await chatAbout(sidebar, 'Something else entirely');

  await context.setOffline(true);
  await watchFound(page);
  await search.open();
  await search.search('rotnest islan'); // a typo, and a word not finished
  const result = search.message('Rottnest');
  await result.waitFor();
  expect(await search.marked(result)).toEqual(['Rottnest', 'Island']);
  expect(await search.chatTitles()).toHaveLength(1);
  await search.notes.getByText('Showing results from this device').waitFor();
  await screenshot(page, 'search-offline-1280-light');

  // The chat's own entry comes first; the arrow moves to the message, Enter opens it.
  await page.keyboard.press('ArrowDown');
  expect(await search.activeText()).toContain('Rottnest');
  await page.keyboard.press('Enter');
  await search.dialog.waitFor({ state: 'hidden' });
  await sidebar.waitUntilOpen(id);
  const found = chat.withText('Quokkas are marsupials');
  await found.waitFor();
  expect(await chat.versions(found)).toBe('1/2');
  await expect.poll(() => foundMessages(page)).toContainEqual(expect.stringContaining('Rottnest Island'));
  expect((await foundMessages(page)).every((text) => text.includes('Rottnest Island'))).toBe(true); // that one only
  await context.close();
});

test('results follow a reply while it streams', async () => {
  const { context, page, sidebar, search } = await signedIn();
  let release = () => {};
  const hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Four words, a pause until released, five more, then the stream stays open unfinished.
  onReply('wildlife', {
    reply: 'Koalas sleep twenty hours. Wombats dig burrows near Canberra today',
    holdAfterTokens: 4,
    hold,
    stallAfterTokens: 9,
  });
  const id = await sidebar.createChat();
  const chat = new ConversationPage(page);
  await chat.ready();
  await chat.sendMessage('Australian wildlife facts');
  await chat.withText('Koalas sleep twenty hours').waitFor();

  await search.open();
  await search.search('koala');
  await search.message('Koalas sleep').waitFor(); // the streamed words so far
  await search.search('canberra');
  await search.empty.getByText('No results for “canberra”').waitFor();
  release();
  // Nothing typed: the result appears as the words stream in.
  const result = search.message('Canberra');
  await result.waitFor();
  expect(await search.marked(result)).toEqual(['Canberra']);
  expect(await search.chatTitles()).toEqual([expect.any(String)]);
  expect(await page.locator(`[data-testid="message"][data-status="streaming"]`).count()).toBe(1);
  await search.close();
  await sidebar.waitUntilOpen(id);
  await context.close();
});

test('a deleted chat never appears: not during its undo, not after, not after a reload', async () => {
  const { context, page, sidebar, search } = await signedIn();
  await chatAbout(sidebar, 'Zeppelins over Friedrichshafen');
  await sidebar.renameOpenChat('Kept zeppelins');
  await chatAbout(sidebar, 'Zeppelin museum hours');
  await sidebar.renameOpenChat('Deleted zeppelins');

  await search.open();
  await search.search('zeppelin');
  await expect.poll(() => search.chatTitles().then((t) => t.sort())).toEqual(['Deleted zeppelins', 'Kept zeppelins']);
  await search.close();

  await sidebar.chooseFromMenu('Deleted zeppelins', 'Delete');
  await sidebar.undoToast.waitFor();
  await search.open();
  await search.search('zeppelin');
  await search.group('Kept zeppelins').waitFor();
  expect(await search.chatTitles()).toEqual(['Kept zeppelins']);
  await search.close();

  // The undo runs out: the deletion is final.
  await sidebar.undoToast.waitFor({ state: 'detached' });
  await search.open();
  await search.search('zeppelin');
  await search.group('Kept zeppelins').waitFor();
  expect(await search.chatTitles()).toEqual(['Kept zeppelins']);
  await search.close();

  await page.reload();
  await sidebar.link('Kept zeppelins').waitFor();
  await search.open();
  await search.search('museum');
  await search.empty.getByText('No results for “museum”').waitFor();
  await search.search('zeppelin');
  await search.group('Kept zeppelins').waitFor();
  expect(await search.chatTitles()).toEqual(['Kept zeppelins']);
  await context.close();
});

test('a reload reads the stored index back and catches up on what changed since, without building it again', async () => {
  const { context, page, sidebar, search } = await signedIn();
  await chatAbout(sidebar, 'Platypus facts please');
  await expect.poll(() => searchState(page).then((s) => s?.builds)).toBe(1);
  // Stored once built: the reply written after that comes from the change log after the reload.
  const { id } = await chatAbout(sidebar, 'Echidna spines');
  await page.reload();
  await sidebar.waitUntilOpen(id);

  await search.open();
  await search.search('echidna');
  await search.message('Echo: Echidna spines').waitFor();
  await search.search('platypus');
  await search.message('Echo: Platypus facts please').waitFor();
  const state = await searchState(page);
  expect(state?.builds).toBe(1);
  await context.close();
});

test('the palette on a phone is a full-screen sheet; Esc gives focus back to what opened it', async () => {
  const { context, page, sidebar, search } = await signedIn(390);
  await page.getByRole('button', { name: 'Open menu' }).click();
  await chatAbout(sidebar, 'Where do quokkas live?');
  await page.keyboard.press('Control+k');
  await search.input.waitFor();
  expect(await search.input.evaluate((el) => el === document.activeElement)).toBe(true);
  await search.search('quokka');
  await search.message('quokkas').first().waitFor();
  const box = await search.dialog.boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
  await screenshot(page, 'search-390-light');
  await search.close();

  await page.getByRole('button', { name: 'Open menu' }).click();
  const opener = sidebar.nav.getByRole('button', { name: 'Search' });
  await opener.click();
  await search.input.waitFor();
  await search.close();
  expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  await context.close();
});
