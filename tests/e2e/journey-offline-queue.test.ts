// Journey: offline, a person writes and sends a message (its reply waits, queued), renames
// and pins the chat, and reloads: all of it is still there. Back online, the queued reply
// streams in from the provider, once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../fake-ai/chat-helpers';
import { backOnline, launchBrowser, screenshot, stayOffline, waitForServiceWorkerControl } from '../support/browser';
import { AppShell } from './pages/AppShell';
import { ChatPage } from './pages/ChatPage';
import { ConversationPage } from './pages/ConversationPage';
import { signUpOnNewDevice } from './pages/devices';
import { Sidebar } from './pages/Sidebar';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const QUESTION = 'Plan a picnic for Saturday';
const ANSWER = 'Bring bread, cheese, peaches and a blanket; the park opens at nine and the forecast is sunny.';
const QUEUED = 'Queued — it will be sent when you are back online.';

test('offline: a sent message waits queued through a rename, a pin and a reload, and is answered once online', async () => {
  // Slow enough that the reply is seen streaming once the device is back online.
  stack.fake.onPrompt(QUESTION, { reply: ANSWER, tokenDelayMs: 80 });
  const { context, page } = await signUpOnNewDevice(browser, { baseURL: stack.hearth.url, name: 'Queue Quinn' });
  const sidebar = new Sidebar(page);
  const chats = new ChatPage(page);
  const chat = new ConversationPage(page);
  await sidebar.createChat();
  await chat.ready();
  await chats.waitForSynced();
  await waitForServiceWorkerControl(page);
  await chat.ready();

  await context.setOffline(true);
  await chats.waitForSyncStatus('offline');
  await chat.draft.pressSequentially(QUESTION);
  await chat.draft.press('Enter');
  await chat.withText(QUESTION).waitFor();
  await chat.waitForStatus(chat.last, 'queued');
  await chat.last.getByText(QUEUED).waitFor();
  expect(await chat.draft.inputValue()).toBe('');

  await sidebar.renameFromMenu('New chat', 'Picnic');
  await sidebar.chooseFromMenu('Picnic', 'Pin');
  await expect.poll(() => sidebar.outline()).toEqual(['# Pinned', 'Picnic']);

  // A reload while still offline loses none of it.
  await page.reload();
  await stayOffline(page);
  await chat.ready();
  await expect.poll(() => chat.messages.count()).toBe(2);
  expect((await chat.texts())[0]).toBe(QUESTION);
  await chat.waitForStatus(chat.last, 'queued');
  await chat.last.getByText(QUEUED).waitFor();
  await chat.heading.filter({ hasText: 'Picnic' }).waitFor();
  await expect.poll(() => sidebar.outline()).toEqual(['# Pinned', 'Picnic']);
  await new AppShell(page).offlineIndicator.waitFor();
  await screenshot(page, 'journey-offline-queued-1280');
  expect(stack.fake.streams(QUESTION)).toHaveLength(0);

  // Online again: the queued reply streams in, and it is the only one.
  await backOnline(page);
  await chat.waitForStatus(chat.last, 'streaming');
  await chat.waitForStatus(chat.withText(ANSWER), 'done');
  expect(await chat.texts()).toEqual([QUESTION, ANSWER]);
  expect(await chat.versions(chat.last)).toBeNull();
  await chats.waitForSynced();
  await screenshot(page, 'journey-offline-answered-1280');

  await page.reload();
  await chat.ready();
  await expect.poll(() => chat.texts()).toEqual([QUESTION, ANSWER]);
  expect(stack.fake.streams(QUESTION)).toHaveLength(1);
  await chat.heading.filter({ hasText: 'Picnic' }).waitFor();
  expect(await sidebar.outline()).toEqual(['# Pinned', 'Picnic']);
  await context.close();
});
