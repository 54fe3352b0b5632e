// Settings → Search against the real server and the fake provider's embeddings: the cost
// of indexing is shown before it starts, turning search by meaning on shows the progress
// until every message is indexed, and a provider that refuses stops it with the reason and
// a way to try again.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addMessage } from '../../shared/docs/thread-doc';
import { newThread, SHARED_KEY } from '../fake-ai/chat-helpers';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { ApiClient } from '../support/api-client';
import { launchBrowser, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { searchStatus } from '../support/search';
import { eventually } from '../support/sync-device';
import { seriousA11yProblems } from './pages/axe';
import { SearchSettings } from './pages/SearchSettings';

const MESSAGES = 150;

let hearth: Hearth;
let browser: Browser;
let fake: FakeAi;

beforeAll(async () => {
  fake = await startFakeAi();
  [hearth, browser] = await Promise.all([
    startHearth({ env: { OPENAI_API_KEY: SHARED_KEY, OPENAI_BASE_URL: fake.url } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
  await fake?.close();
});

test('search by meaning: the estimate first, then progress to the total; a refusal says why and can be retried', async () => {
  const api = new ApiClient(hearth.url);
  const user = await api.signup();
  const thread = await newThread(api, user.id);
  thread.thread.doc.transact(() => {
    for (let i = 0; i < MESSAGES; i++) {
      addMessage(thread.thread.doc, { role: 'user', parentId: null, now: i + 1, text: `Note ${i}: the sea was calm` });
    }
  });
  await eventually(async () => (await searchStatus(api)).meaning.total === MESSAGES, 'every message indexed by words');
  thread.close();

  const context = await browser.newContext({ baseURL: hearth.url, viewport: { width: 1280, height: 900 } });
  const [name, value] = api.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: hearth.url }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  const search = new SearchSettings(page);
  await search.goto();

  expect(await search.meaning.isChecked()).toBe(false);
  await search.estimate().waitFor();
  expect(await search.estimate().textContent()).toContain(`the ${MESSAGES} messages not indexed yet`);
  expect(await search.estimate().textContent()).toContain("paid by this server's operator");
  expect(await search.model.inputValue()).toBe('openai/text-embedding-3-small');
  expect(fake.embeddingRequests()).toHaveLength(0);
  expect(await seriousA11yProblems(page)).toEqual([]);

  // The provider refuses the first request: indexing stops and says why.
  fake.onEmbeddings({ error: 401 }, 1);
  await search.meaning.check();
  await search.error.getByText("The server's OpenAI key was refused").waitFor();
  expect(await search.error.textContent()).toContain('Indexing by meaning stopped');
  await search.indexed(0, MESSAGES).waitFor();
  await screenshot(page, 'settings-search-error');

  await search.tryAgain();
  await search.indexed(MESSAGES, MESSAGES).waitFor();
  await search.error.waitFor({ state: 'detached' });
  expect(await search.progress.getAttribute('value')).toBe(String(MESSAGES));
  expect(await search.section.textContent()).toContain('New messages are indexed as they arrive.');
  await screenshot(page, 'settings-search-done');

  // It stays on across a reload: the choice is the server's, not this tab's.
  await page.reload();
  await search.meaning.waitFor();
  expect(await search.meaning.isChecked()).toBe(true);
  await context.close();
});
