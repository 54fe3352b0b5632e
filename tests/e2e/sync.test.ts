// Journey: two devices of one user see each other's chats and drafts live; one goes
// offline, edits, reloads (nothing lost), reconnects, and both show the merge.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { ChatPage } from './pages/ChatPage';
import { signInOnNewDevice, signUpOnNewDevice } from './pages/devices';
import { Sidebar } from './pages/Sidebar';

let hearth: Hearth;
let browser: Browser;

beforeAll(async () => {
  [hearth, browser] = await Promise.all([startHearth(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
});

test('two devices: a chat and its draft appear live; offline edits survive a reload and merge', async () => {
  const laptop = await signUpOnNewDevice(browser, { baseURL: hearth.url, name: 'Two Devices' });
  const phone = await signInOnNewDevice(browser, laptop.account, { baseURL: hearth.url });

  const a = new ChatPage(laptop.page);
  const b = new ChatPage(phone.page);
  const threadId = await new Sidebar(laptop.page).createChat();
  await a.rename('Weekend plans');
  await a.typeInDraft('Hello from the laptop');

  // The phone sees the new chat in its list, and the draft inside it, without a reload.
  await b.thread('Weekend plans').waitFor();
  await b.open(threadId);
  await expect.poll(() => b.draft.inputValue()).toBe('Hello from the laptop');
  await b.waitForSynced();

  // Make sure the phone's service worker controls it, so a reload works offline.
  await phone.page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await phone.page.reload();
  await b.draft.waitFor();
  await expect.poll(() => b.draft.inputValue()).toBe('Hello from the laptop');

  // The phone goes offline and edits; the laptop edits too.
  await phone.context.setOffline(true);
  await b.page.waitForSelector('[data-testid="sync-status"][data-kind="offline"]');
  await b.typeInDraft(' and the phone');
  await b.rename('Weekend plans (phone)');
  await a.draft.press('Control+Home');
  await a.draft.pressSequentially('Note: ');

  // Reload while offline: the offline edits are still there.
  await phone.page.reload();
  await b.draft.waitFor();
  await expect.poll(() => b.draft.inputValue()).toBe('Hello from the laptop and the phone');
  await b.heading.filter({ hasText: 'Weekend plans (phone)' }).waitFor();
  await screenshot(phone.page, 'sync-offline-phone-1280');

  // Back online: both show the merge of both edits.
  await phone.context.setOffline(false);
  const merged = 'Note: Hello from the laptop and the phone';
  await expect.poll(() => b.draft.inputValue(), { timeout: 15_000 }).toBe(merged);
  await expect.poll(() => a.draft.inputValue(), { timeout: 15_000 }).toBe(merged);
  await a.heading.filter({ hasText: 'Weekend plans (phone)' }).waitFor();
  await b.waitForSynced();
  await screenshot(laptop.page, 'sync-merged-laptop-1280');

  await laptop.context.close();
  await phone.context.close();
});
