// A thread of 1,000 messages (stored by another "device" through /api/sync) opens at its
// end with only the rows near the viewport in the DOM; scrolling up stops the follow and
// offers "Jump to latest", which returns to the end.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { storeLongThread } from '../../bench/client/thread-fixture';
import { ApiClient } from '../support/api-client';
import { launchBrowser, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { ConversationPage } from './pages/ConversationPage';

let hearth: Hearth;
let browser: Browser;

beforeAll(async () => {
  [hearth, browser] = await Promise.all([startHearth(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
});

/** Whether the element is within the scroller's visible box. */
const inView = (chat: ConversationPage, selector: string) =>
  chat.scroller.evaluate((scroller, s) => {
    const el = scroller.querySelector(s);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom;
  }, selector);

test('1,000 messages: opens at the latest, virtualised; scrolling up offers Jump to latest', async () => {
  const api = new ApiClient(hearth.url);
  const user = await api.signup();
  const threadId = await storeLongThread(api, user.id, 1000, 'openai/gpt-4.1-mini');
  const context = await browser.newContext({ baseURL: hearth.url, viewport: { width: 1280, height: 800 } });
  const [name, value] = api.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: hearth.url }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  const chat = new ConversationPage(page);

  await page.goto(`/t/${threadId}`);
  await chat.ready();
  await page.locator('li[aria-posinset="1000"] .markdown').waitFor();
  await expect.poll(() => inView(chat, 'li[aria-posinset="1000"]')).toBe(true);
  expect(await page.locator('li[aria-setsize="1000"]').count()).toBeLessThan(40);
  expect(await chat.jumpToLatest.count()).toBe(0);
  await screenshot(page, 'conversation-long-1280');

  // Scroll to the very top: the first question shows, and following stops.
  // Rows are measured as they render, which moves the top: scroll there until it holds.
  await expect
    .poll(async () => {
      await chat.scroller.evaluate((el) => el.scrollTo({ top: 0 }));
      return inView(chat, 'li[aria-posinset="1"]');
    })
    .toBe(true);
  await chat.jumpToLatest.waitFor();
  await chat.jumpToLatest.click();
  await expect.poll(() => inView(chat, 'li[aria-posinset="1000"]')).toBe(true);
  await chat.jumpToLatest.waitFor({ state: 'detached' });
  await context.close();
});
