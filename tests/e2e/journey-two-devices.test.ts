// Journey: one account on two devices with the same chat open. A reply asked for on one
// streams live on both, token by token, and ends the same; a settings change on one (theme,
// a custom instruction) shows on the other without a reload.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../fake-ai/chat-helpers';
import { launchBrowser, screenshot } from '../support/browser';
import { AppShell } from './pages/AppShell';
import { ChatPage } from './pages/ChatPage';
import { ConversationPage } from './pages/ConversationPage';
import { signInOnNewDevice, signUpOnNewDevice } from './pages/devices';
import { SettingsPage } from './pages/SettingsPage';
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

const QUESTION = 'Tell me about rivers';
// 60 words at 80 ms each: about five seconds of streaming to watch from the other device.
const ANSWER = Array.from({ length: 60 }, (_, i) => `river${i}`).join(' ');

/** Set on a page's window: still there later means the page was not reloaded in between. */
const markPage = () => {
  (window as unknown as { journeyMark?: boolean }).journeyMark = true;
};
const pageWasKept = () => (window as unknown as { journeyMark?: boolean }).journeyMark === true;

test('two devices: a reply streams live on both; a settings change on one shows on the other', async () => {
  stack.fake.onPrompt(QUESTION, { reply: ANSWER, tokenDelayMs: 80 });
  const laptop = await signUpOnNewDevice(browser, { baseURL: stack.hearth.url, name: 'Two Screens' });
  const phone = await signInOnNewDevice(browser, laptop.account, { baseURL: stack.hearth.url });

  // The laptop starts a chat; the phone opens the same one from its sidebar.
  const laptopSidebar = new Sidebar(laptop.page);
  const threadId = await laptopSidebar.createChat();
  await laptopSidebar.renameOpenChat('Rivers');
  const a = new ConversationPage(laptop.page);
  const b = new ConversationPage(phone.page);
  await a.ready();
  const phoneChats = new ChatPage(phone.page);
  await phoneChats.thread('Rivers').waitFor();
  await phoneChats.open(threadId);
  await b.ready();
  await phone.page.evaluate(markPage);

  await a.sendMessage(QUESTION);
  await a.waitForStatus(a.last, 'streaming');
  await b.withText(QUESTION).waitFor();
  await b.waitForStatus(b.last, 'streaming');

  // The phone sees the text grow while the reply is still streaming.
  const partials = new Set<string>();
  await expect
    .poll(
      async () => {
        const { status, text } = await b.snapshot(b.last);
        if (status === 'streaming' && text) partials.add(text);
        return partials.size;
      },
      { timeout: 20_000, interval: 50 },
    )
    .toBeGreaterThanOrEqual(2);
  await screenshot(phone.page, 'journey-two-devices-streaming-phone-1280');
  const [shorter, longer] = [...partials].sort((x, y) => x.length - y.length);
  expect(ANSWER.startsWith(shorter!)).toBe(true);
  expect(ANSWER.startsWith(longer!)).toBe(true);
  expect(shorter!.length).toBeLessThan(ANSWER.length);

  await a.waitForStatus(a.withText(ANSWER), 'done');
  await b.waitForStatus(b.withText(ANSWER), 'done');
  expect(await a.texts()).toEqual([QUESTION, ANSWER]);
  expect(await b.texts()).toEqual([QUESTION, ANSWER]);
  expect(stack.fake.streams(QUESTION)).toHaveLength(1);

  // Settings changed on the laptop apply on the phone, which is still on the chat.
  const laptopSettings = new SettingsPage(laptop.page);
  await new AppShell(laptop.page).goToSettings();
  await laptopSettings.setTheme('Dark');
  await laptopSettings.addTrait('concise');
  await expect.poll(() => laptopSettings.traits().allTextContents()).toEqual(['concise']);
  await expect.poll(() => phone.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await screenshot(phone.page, 'journey-two-devices-dark-phone-1280');

  const phoneSettings = new SettingsPage(phone.page);
  await new AppShell(phone.page).goToSettings();
  expect(await phoneSettings.themeRadio('Dark').isChecked()).toBe(true);
  await expect.poll(() => phoneSettings.traits().allTextContents()).toEqual(['concise']);
  expect(await phone.page.evaluate(pageWasKept)).toBe(true);

  await laptop.context.close();
  await phone.context.close();
});
