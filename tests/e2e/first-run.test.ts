// The first five minutes: a new account opens on a composer; with no model it is offered a
// provider (a key tested at once, or the Ollama on a personal server) before the first
// message can fail; each way a reply can fail shows the next step as a button that works;
// and opening the app creates no chat.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { launchBrowser, newAccount, openDevice, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { ConversationPage } from './pages/ConversationPage';
import { HomePage } from './pages/HomePage';
import { Sidebar } from './pages/Sidebar';
import { SignUpPage } from './pages/SignUpPage';

const FAKE_KEY = 'fake-user-key-0123456789abcd';
const SHARED_KEY = 'fake-shared-key-0123456789';

let browser: Browser;
let fake: FakeAi;

beforeAll(async () => {
  [browser, fake] = await Promise.all([
    launchBrowser(),
    startFakeAi({ apiKeys: [FAKE_KEY, SHARED_KEY], models: ['fake-small', 'llama3.2'], defaults: { tokenDelayMs: 1 } }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await fake?.close();
});

async function signedUp(hearth: Hearth, width = 1280): Promise<{ page: Page; home: HomePage; visited: string[] }> {
  const { page } = await openDevice(browser, { baseURL: hearth.url, width });
  const visited: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(new URL(frame.url()).pathname));
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(newAccount());
  const home = new HomePage(page);
  await home.heading.waitFor();
  return { page, home, visited };
}

/** The pathnames the page has been at, by navigation or by the app's own routing. */
async function pathsOf(page: Page, visited: string[]): Promise<string[]> {
  return [...visited, await page.evaluate(() => location.pathname)];
}

describe('a server with no key', () => {
  let hearth: Hearth;
  beforeAll(async () => {
    // Open sign-up; the fake provider on 127.0.0.1 is let in as a custom endpoint.
    hearth = await startHearth({ env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } });
  });
  afterAll(() => hearth?.stop());

  test('sign up → the inline form → a key for the fake provider → the first message is answered, without Settings', async () => {
    const { page, home, visited } = await signedUp(hearth);
    await home.setup.waitFor();
    await screenshot(page, 'first-run-home-no-key-desktop');
    // Desktop: the cursor is already in the composer.
    await page.waitForFunction(() => document.activeElement?.id === 'draft');
    // Each provider says where it hands out keys.
    await home.provider.selectOption({ label: 'Groq' });
    expect(await page.getByRole('link', { name: 'Get one from Groq' }).getAttribute('href')).toBe(
      'https://console.groq.com/keys',
    );

    // A key that does not work is tested at once and refused, on its field.
    await home.connectProvider('fake-wrong-key-000000000', fake.url);
    await page.getByText(/was refused/).waitFor();
    await home.setup.waitFor();

    await home.connectProvider(FAKE_KEY, fake.url);
    await home.connected.waitFor();
    expect(await home.setup.count()).toBe(0);
    await home.suggestions.waitFor();

    await home.startChat('Hello from the first five minutes');
    const chat = new ConversationPage(page);
    await page.keyboard.press('Enter');
    await chat.waitForStatus(chat.last, 'done');
    expect(await chat.texts()).toEqual([
      'Hello from the first five minutes',
      'Echo: Hello from the first five minutes',
    ]);
    expect((await pathsOf(page, visited)).some((p) => p.startsWith('/settings'))).toBe(false);
    await page.context().close();
  });

  test('on a phone the setup and the composer fit the screen', async () => {
    const { page, home } = await signedUp(hearth, 390);
    await home.setup.waitFor();
    await screenshot(page, 'first-run-home-no-key-phone');
    // No sideways scrolling at 390 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  test('opening the app and leaving creates no chat', async () => {
    const { page, home } = await signedUp(hearth);
    const sidebar = new Sidebar(page);
    await sidebar.empty.waitFor();
    await page.reload();
    await home.heading.waitFor();
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.goBack();
    await home.heading.waitFor();
    expect(await sidebar.list.getByRole('listitem').count()).toBe(0);
    await sidebar.empty.waitFor();
    await page.context().close();
  });

  test('a reply with no key offers the key form, and the reply is answered once a key works', async () => {
    const { page, home } = await signedUp(hearth);
    await home.setup.waitFor();
    await home.startChat('Answer me without a key');
    await page.keyboard.press('Enter');
    const chat = new ConversationPage(page);
    await chat.waitForStatus(chat.last, 'error');
    await chat.last.getByText('There is no OpenAI key. Add one, or pick another model.').waitFor();
    await screenshot(page, 'first-run-reply-error-no-key');
    await chat.last.getByRole('button', { name: 'Add OpenAI key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add OpenAI key' });
    await dialog
      .getByRole('combobox', { name: 'Provider' })
      .selectOption({ label: 'Other (OpenAI-compatible server)' });
    await dialog.getByRole('textbox', { name: 'Server address' }).fill(fake.url);
    await dialog.getByLabel(/API key/).fill(FAKE_KEY);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await chat.waitForStatus(chat.last, 'done');
    expect(await chat.texts()).toEqual(['Answer me without a key', 'Echo: Answer me without a key']);
    await page.context().close();
  });
});

test('a personal server offers the Ollama on its machine, and a reply comes from it', async () => {
  const ollama = await startFakeAi({ models: ['llama3.2', 'qwen2.5:7b'] });
  const hearth = await startHearth({ env: { HEARTH_SIGNUP: 'closed', HEARTH_OLLAMA_URL: ollama.origin } });
  try {
    const { page, home } = await signedUp(hearth);
    await home.ollamaOffer.getByText('Use the Ollama running on this server: llama3.2, qwen2.5:7b').waitFor();
    await home.useOllama.click();
    await home.connected.waitFor();
    await home.startChat('Hi local model');
    await page.keyboard.press('Enter');
    const chat = new ConversationPage(page);
    await chat.waitForStatus(chat.last, 'done');
    expect(await chat.texts()).toEqual(['Hi local model', 'Echo: Hi local model']);
    expect(ollama.chats().at(-1)?.body.model).toBe('llama3.2:latest');
    await page.context().close();
  } finally {
    await hearth.stop();
    await ollama.close();
  }
});

describe('a server with its own key', () => {
  let hearth: Hearth;
  let page: Page;
  let chat: ConversationPage;
  let n = 0;

  beforeAll(async () => {
    hearth = await startHearth({
      env: { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: SHARED_KEY, HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' },
    });
    const device = await signedUp(hearth);
    page = device.page;
    // Where the operator provides a key, the home screen is a composer and nothing else.
    await device.home.suggestions.waitFor();
    expect(await device.home.setup.count()).toBe(0);
    await screenshot(page, 'first-run-home-server-key-desktop');
    await device.home.startChat('Start');
    await page.keyboard.press('Enter');
    chat = new ConversationPage(page);
    await chat.waitForStatus(chat.last, 'done');
  });
  afterAll(async () => {
    await page?.context().close();
    await hearth?.stop();
  });

  test('on a phone the home screen is the composer and its ideas', async () => {
    const phone = await signedUp(hearth, 390);
    await phone.home.suggestions.waitFor();
    expect(await phone.home.setup.count()).toBe(0);
    await screenshot(phone.page, 'first-run-home-server-key-phone');
    await phone.page.context().close();
  });

  /** Sends a message whose first reply is `error`; answers the failed reply. */
  async function failOnce(error: Parameters<FakeAi['onPrompt']>[1]['error']) {
    const word = `fail-${++n}-${Date.now()}`;
    fake.onPrompt(word, { error }, 1);
    await chat.sendMessage(`Please fail ${word}`);
    await chat.waitForStatus(chat.last, 'error');
    return chat.last;
  }

  test('rate limit and provider down: Retry asks again and is answered', async () => {
    for (const error of [429, 500] as const) {
      const reply = await failOnce(error);
      await reply.hover();
      await chat.action(reply, 'Retry').click();
      await chat.waitForStatus(chat.last, 'done');
      expect(await chat.last.textContent()).toContain('Echo: Please fail');
    }
  });

  test('model gone and context too long: Pick another model answers with the one picked', async () => {
    for (const error of [404, 'context_length'] as const) {
      const reply = await failOnce(error);
      await screenshot(page, `first-run-reply-error-${error}`);
      await reply.getByRole('button', { name: 'Pick another model' }).click();
      const group = page.getByRole('menu').getByRole('group', { name: 'OpenAI', exact: true });
      await group.getByRole('menuitemradio', { name: 'GPT-4o mini', exact: true }).click();
      await chat.waitForStatus(chat.last, 'done');
      expect(fake.chats().at(-1)?.body.model).toBe('gpt-4o-mini');
    }
  });

  test('a refused key: the key form for that provider, then the reply is answered', async () => {
    // The custom endpoint with a key the fake refuses, then a reply from one of its models.
    const response = await page.evaluate(async (baseURL) => {
      const put = await fetch('/api/keys/custom', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: 'fake-refused-key-1234', baseURL, models: [{ id: 'fake-small' }] }),
      });
      return put.status;
    }, fake.url);
    expect(response).toBe(200);
    await page.reload();
    await chat.ready();
    await chat.model.selectOption('custom/fake-small');
    await chat.sendMessage('Use the custom one');
    await chat.waitForStatus(chat.last, 'error');
    await chat.last.getByText(/was refused\. Replace it with a key that works\./).waitFor();
    await chat.last.getByRole('button', { name: 'Fix the custom provider' }).click();
    const dialog = page.getByRole('dialog', { name: 'Fix the custom provider' });
    await dialog.getByRole('textbox', { name: 'Server address' }).fill(fake.url);
    await dialog.getByLabel(/API key/).fill(FAKE_KEY);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await chat.waitForStatus(chat.last, 'done');
    expect(fake.chats().at(-1)).toMatchObject({ apiKey: FAKE_KEY, body: { model: 'fake-small' } });
  });

  test('offline: Retry waits for the network, then is answered', async () => {
    const reply = await failOnce(503);
    await page.context().setOffline(true);
    await reply.hover();
    await chat.action(reply, 'Retry').click();
    await chat.last.getByText('Queued — it will be sent when you are back online.').waitFor();
    await page.context().setOffline(false);
    await chat.waitForStatus(chat.last, 'done');
  });
});
