// The conversation in Chromium against the fake provider: a reply streams with markdown and
// highlighted code and can be stopped (button or Esc); regenerate and edit make branches the
// switcher walks; ↑ edits; fork copies the path into a new thread. Saves screenshots.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { promptText } from '../fake-ai/replies';
import { launchBrowser, newAccount, openDevice, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { ConversationPage } from './pages/ConversationPage';
import { SettingsPage } from './pages/SettingsPage';
import { Sidebar } from './pages/Sidebar';
import { SignUpPage } from './pages/SignUpPage';

let fake: FakeAi;
let hearth: Hearth;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeAi({ defaults: { tokenDelayMs: 5 } });
  [hearth, browser] = await Promise.all([
    startHearth({ env: { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'fake' } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
  await fake?.close();
});

beforeEach(() => fake.reset());

/** Scripts the streamed replies (not the title requests) whose prompt contains `marker`. */
const onReply = (marker: string, reply: string, times?: number) =>
  fake.when((request) => request.stream === true && promptText(request).includes(marker), { reply }, times);

const MARKDOWN_REPLY = [
  'Here is a **comparison** and a snippet.',
  '',
  '| Store | Offline | Sync |',
  '| --- | --- | --- |',
  '| Dexie | yes | via Yjs |',
  '| SQLite | yes | WAL |',
  '',
  '- [x] write the doc',
  '- [ ] ship it',
  '',
  '```ts',
  'export function add(a: number, b: number): number {',
  '  return a + b; // sum',
  '}',
  '```',
  '',
  'Read more at [the docs](https://example.com/docs) or [this](javascript:alert(1)).',
].join('\n');

const LONG_REPLY = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

async function openChat(
  width = 1280,
  beforeChat?: (page: Page) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page; chat: ConversationPage }> {
  const { context, page } = await openDevice(browser, { baseURL: hearth.url, width });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(newAccount());
  await page.getByRole('heading', { name: 'Start a conversation' }).waitFor();
  await beforeChat?.(page);
  const sidebar = new Sidebar(page);
  if (width < 768) {
    await page.getByRole('button', { name: 'Open menu' }).click();
  }
  await sidebar.createChat();
  const chat = new ConversationPage(page);
  await chat.ready();
  return { context, page, chat };
}

test('a reply streams in and Stop ends it, keeping what came', async () => {
  fake.onPrompt('long story', { reply: LONG_REPLY, tokenDelayMs: 40 });
  const { context, chat } = await openChat();
  await chat.sendMessage('Tell me a long story');
  const reply = chat.last;
  await chat.waitForStatus(reply, 'streaming');
  await expect.poll(() => reply.textContent(), { timeout: 10_000 }).toContain('word3');
  expect(await reply.locator('.markdown').count()).toBe(1);
  await screenshot(chat.page, 'conversation-streaming-1280');
  await chat.stop.click();
  await chat.waitForStatus(reply, 'cancelled');
  const kept = (await chat.texts()).at(-1) ?? '';
  expect(kept).toMatch(/^word0 word1 word2 word3/);
  expect(kept).not.toContain('word399');
  await expect.poll(() => chat.stop.count()).toBe(0);
  await context.close();
});

test('markdown: a table, task list, highlighted code with a copy button, and only safe links', async () => {
  fake.onPrompt('compare', { reply: MARKDOWN_REPLY });
  const { context, page, chat } = await openChat();
  await chat.sendMessage('compare the stores');
  const reply = chat.last;
  await chat.waitForStatus(reply, 'done');
  expect(await reply.locator('table th').allTextContents()).toEqual(['Store', 'Offline', 'Sync']);
  expect(await reply.locator('table tbody tr').count()).toBe(2);
  expect(await reply.getByRole('checkbox', { name: 'Done', exact: true }).isChecked()).toBe(true);
  expect(await reply.getByRole('checkbox', { name: 'Not done', exact: true }).isChecked()).toBe(false);

  const code = reply.locator('.code-block');
  expect(await code.locator('.code-language').textContent()).toBe('ts');
  await code.locator('code.hljs .hljs-keyword').first().waitFor();
  await code.getByRole('button', { name: 'Copy ts code' }).click();
  await code.getByRole('button', { name: 'Copied' }).waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'export function add(a: number, b: number): number {\n  return a + b; // sum\n}',
  );

  const docs = reply.getByRole('link', { name: 'the docs' });
  expect(await docs.getAttribute('href')).toBe('https://example.com/docs');
  expect(await docs.getAttribute('target')).toBe('_blank');
  expect(await docs.getAttribute('rel')).toBe('noopener noreferrer');
  expect(await reply.getByRole('link', { name: 'this' }).count()).toBe(0);
  expect(await reply.locator('a[href^="javascript"]').count()).toBe(0);

  // The model and token counts show on hover.
  await reply.hover();
  expect(await reply.locator('.message-meta').textContent()).toMatch(/GPT-4\.1 mini · \d+ in · \d+ out/);
  await screenshot(page, 'conversation-1280');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'conversation-1280-dark');
  await context.close();
});

test('regenerate and edit make branches; the switcher shows each path', async () => {
  onReply('first question', 'First answer.', 1);
  onReply('first question', 'Second answer.', 1);
  onReply('edited question', 'Answer to the edit.');
  const { context, chat } = await openChat();
  await chat.sendMessage('first question');
  await chat.waitForStatus(chat.withText('First answer.'), 'done');

  // Regenerate with another model: a sibling reply, shown at once.
  await chat.regenerateWith(chat.last, 'GPT-4o mini');
  await chat.waitForStatus(chat.withText('Second answer.'), 'done');
  expect(await chat.versions(chat.last)).toBe('2/2');
  expect(fake.streams('first question').at(-1)?.body.model).toBe('gpt-4o-mini');
  await chat.action(chat.last, 'Previous version').click();
  await chat.withText('First answer.').waitFor();
  expect(await chat.versions(chat.last)).toBe('1/2');
  await chat.action(chat.last, 'Next version').click();
  await chat.withText('Second answer.').waitFor();
  await chat.last.hover();
  await chat.action(chat.last, 'Regenerate with another model').click();
  await chat.page.getByRole('menu').waitFor();
  await screenshot(chat.page, 'conversation-menu-1280');
  await chat.page.keyboard.press('Escape');
  await chat.page.getByRole('menu').waitFor({ state: 'hidden' });

  // Edit the question: a sibling of it with its own reply.
  await chat.edit(chat.message(0), 'edited question');
  await chat.waitForStatus(chat.withText('Answer to the edit.'), 'done');
  expect(await chat.texts()).toEqual(['edited question', 'Answer to the edit.']);
  expect(await chat.versions(chat.message(0))).toBe('2/2');
  await chat.action(chat.message(0), 'Previous version').click();
  await chat.withText('Second answer.').waitFor();
  expect(await chat.texts()).toEqual(['first question', 'Second answer.']);
  await context.close();
});

test('Esc stops a streaming reply; ↑ in the empty composer edits the last message', async () => {
  fake.onPrompt('keep talking', { reply: LONG_REPLY, tokenDelayMs: 40 });
  const { context, page, chat } = await openChat();
  await chat.sendMessage('keep talking');
  const reply = chat.last;
  await chat.waitForStatus(reply, 'streaming');
  await chat.draft.focus();
  await page.keyboard.press('Escape');
  await chat.waitForStatus(reply, ['cancel', 'cancelled']);

  await chat.draft.focus();
  await page.keyboard.press('ArrowUp');
  await chat.editField.waitFor();
  expect(await chat.editField.inputValue()).toBe('keep talking');
  await screenshot(page, 'conversation-edit-1280');
  await page.keyboard.press('Escape');
  await chat.editField.waitFor({ state: 'detached' });
  expect(await chat.draft.evaluate((el) => el === document.activeElement)).toBe(true);
  // Esc that cancelled the edit stopped nothing else; ↑ in a non-empty composer moves the caret.
  await chat.draft.fill('not empty');
  await page.keyboard.press('ArrowUp');
  expect(await chat.editField.count()).toBe(0);
  await context.close();
});

test('fork opens a new thread with the path up to the message copied', async () => {
  // Rules match anywhere in the prompt, which holds the earlier messages too: latest first.
  fake.onPrompt('two', { reply: 'Reply two.' });
  fake.onPrompt('one', { reply: 'Reply one.' });
  const { context, page, chat } = await openChat();
  await chat.sendMessage('one');
  await chat.waitForStatus(chat.withText('Reply one.'), 'done');
  await chat.sendMessage('two');
  await chat.waitForStatus(chat.withText('Reply two.'), 'done');
  const source = page.url();

  await chat.fork(chat.withText('Reply one.'));
  expect(page.url()).not.toBe(source);
  await expect.poll(() => chat.texts()).toEqual(['one', 'Reply one.']);
  await expect.poll(() => chat.heading.textContent()).toMatch(/\(fork\)$/);
  await page.getByText('Forked from').waitFor();
  // The fork is a thread of its own: it carries on without touching the source.
  fake.reset();
  fake.onPrompt('three', { reply: 'Reply three.' });
  await chat.sendMessage('three');
  await chat.waitForStatus(chat.withText('Reply three.'), 'done');
  await page.goto(source);
  await chat.ready();
  await expect.poll(() => chat.texts()).toEqual(['one', 'Reply one.', 'two', 'Reply two.']);
  await context.close();
});

test('a failed reply says why and Retry asks again; offline, a message waits as queued', async () => {
  fake.when((request) => request.stream === true && promptText(request).includes('fail once'), { error: 500 }, 1);
  const { context, chat } = await openChat();
  await chat.sendMessage('fail once');
  const reply = chat.last;
  await chat.waitForStatus(reply, 'error');
  expect(await reply.locator('.message-error').textContent()).toMatch(/problem on its side.*Retry/);
  await screenshot(chat.page, 'conversation-error-1280');
  await chat.action(reply, 'Retry').click();
  await chat.waitForStatus(chat.withText('Echo: fail once'), 'done');

  await context.setOffline(true);
  await chat.sendMessage('sent while offline');
  await chat.waitForStatus(chat.last, 'queued');
  await chat.last.getByText('Queued — it will be sent when you are back online.').waitFor();
  await screenshot(chat.page, 'conversation-queued-1280');
  await context.setOffline(false);
  await chat.waitForStatus(chat.withText('Echo: sent while offline'), 'done');
  await context.close();
});

test('the composer: favourites first, a custom mode whose prompt goes with the request, and it grows', async () => {
  const { context, page, chat } = await openChat(1280, async (settingsPage) => {
    const settings = new SettingsPage(settingsPage);
    await settings.goto();
    await settings.createMode({ name: 'Pirate', icon: '🏴‍☠️', prompt: 'Talk like a pirate.' });
    await settings.models.getByRole('button', { name: 'Favourite GPT-4.1 (OpenAI)' }).click();
  });
  const groups = await chat.model.evaluate((select) =>
    [...select.querySelectorAll('optgroup')].map((g) => `${g.label}: ${g.querySelector('option')?.textContent}`),
  );
  expect(groups[0]).toBe('Favourites: GPT-4.1 · OpenAI');
  await chat.model.selectOption({ label: 'GPT-4.1 · OpenAI' });
  await chat.mode.selectOption({ label: '🏴‍☠️ Pirate' });
  // Each pick shows at once, before the change has come back through the docs and views.
  expect(await chat.model.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.label)).toBe(
    'GPT-4.1 · OpenAI',
  );
  expect(await chat.mode.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.label)).toBe('🏴‍☠️ Pirate');

  const oneLine = await chat.draft.evaluate((el) => el.getBoundingClientRect().height);
  await chat.draft.fill('ahoy');
  for (let i = 0; i < 4; i++) await chat.draft.press('Shift+Enter');
  await chat.draft.pressSequentially('matey');
  expect(await chat.draft.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(oneLine * 1.8);
  await screenshot(page, 'conversation-composer-1280');
  await chat.draft.press('Enter');
  await chat.waitForStatus(chat.withText('Echo: ahoy'), 'done');
  const request = fake.streams('ahoy')[0]!.body;
  expect(request.model).toBe('gpt-4.1');
  expect(JSON.stringify(request.messages?.[0])).toContain('Talk like a pirate.');
  await context.close();
});

test('phone width: the conversation fits, and axe finds nothing serious', async () => {
  fake.onPrompt('compare', { reply: MARKDOWN_REPLY });
  const { context, page, chat } = await openChat(390);
  await chat.sendMessage('compare the stores');
  await chat.waitForStatus(chat.last, 'done');
  await chat.last.locator('code.hljs').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, 'conversation-390');
  expect(await seriousA11yProblems(page)).toEqual([]);
  await context.close();
});

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousA11yProblems(page: Page): Promise<string[]> {
  const require = createRequire(import.meta.url);
  // Evaluated, not added as a <script>: the app's CSP blocks inline scripts.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    interface Violation {
      id: string;
      impact: string | null;
      nodes: { target: unknown[] }[];
    }
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run();
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}
