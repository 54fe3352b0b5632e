// Journeys through the settings page: API keys against the fake provider, settings that
// sync to a second device, custom modes, usage, and the page's accessibility at two widths.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { UsageStore } from '../../server/usage/usage-store';
import { type FakeAi, startFakeAi } from '../fake-ai/fake-ai';
import { launchBrowser, newAccount, openDevice, screenshot } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { AppShell } from './pages/AppShell';
import { seriousA11yProblems } from './pages/axe';
import { ConversationPage } from './pages/ConversationPage';
import { SettingsPage } from './pages/SettingsPage';
import { Sidebar } from './pages/Sidebar';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';

const FAKE_KEY = 'fake-key-0123456789abcd';
const RESULTS = path.resolve(import.meta.dirname, '../../test-results');

let hearth: Hearth;
let browser: Browser;
let fake: FakeAi;

beforeAll(async () => {
  [hearth, browser, fake] = await Promise.all([
    // The custom endpoint saved below is the fake provider, on 127.0.0.1.
    startHearth({ env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } }),
    launchBrowser(),
    startFakeAi({ apiKeys: [FAKE_KEY], models: ['fake-small', 'fake-large', 'gpt-4.1-mini'] }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
  await fake?.close();
});

async function signedUpDevice(width = 1280, colorScheme: 'light' | 'dark' = 'light') {
  const account = newAccount();
  const device = await openDevice(browser, { baseURL: hearth.url, width, colorScheme });
  const signUp = new SignUpPage(device.page);
  await signUp.goto();
  await signUp.signUp(account);
  await new AppShell(device.page).emptyState.waitFor();
  const settings = new SettingsPage(device.page);
  await settings.goto();
  return { ...device, account, settings };
}

/** A full-page screenshot from the top, so sticky parts sit where a person first sees them. */
async function pageShot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

test('API keys: a built-in key shows only its last four; a custom endpoint is added, tested, given models and removed', async () => {
  const { context, page, settings } = await signedUpDevice();
  await expect.poll(() => settings.provider('OpenAI').textContent()).toContain('No key saved.');

  // A built-in provider: the key goes in and never comes back out.
  const openAiKey = 'sk-test-ABCDEFGHIJKLMNOP-WXYZ';
  await settings.addKey('OpenAI', openAiKey);
  await settings.provider('OpenAI').getByText('Key ending in ••••WXYZ').waitFor();
  expect(await page.content()).not.toContain(openAiKey.slice(0, -4));
  await page.reload();
  await settings.provider('OpenAI').getByText('Key ending in ••••WXYZ').waitFor();
  await settings.removeKey('OpenAI');
  await settings.provider('OpenAI').getByText('No key saved.').waitFor();

  // A custom endpoint with a wrong key: the model list can't be read, and Test says why.
  let chooser = await settings.saveCustomEndpoint('Lab', fake.url, 'wrong-key-0000000000');
  await chooser.getByRole('alert').waitFor();
  await chooser.getByRole('button', { name: 'Cancel' }).click();
  const custom = settings.provider('Lab');
  let result = await settings.testKey('Lab');
  expect(await result.getAttribute('class')).toContain('key-fail');

  // The right key: the endpoint's models are listed and ticked, and saved with what Hearth
  // should know of them (a name, a context window, no images).
  chooser = await settings.saveCustomEndpoint('Lab', fake.url, FAKE_KEY);
  const listed = chooser.getByRole('checkbox', { name: /^fake|^gpt/ });
  await expect.poll(() => listed.count()).toBe(3);
  await custom.screenshot({ path: path.join(RESULTS, 'settings-custom-models-1280.png') });
  expect(await chooser.getByRole('checkbox', { name: 'fake-small', exact: true }).isChecked()).toBe(true);
  await chooser.getByRole('checkbox', { name: 'gpt-4.1-mini', exact: true }).uncheck();
  await chooser.getByLabel('Add a model by id').fill('hand-made');
  await chooser.getByLabel('Add a model by id').press('Enter');
  await chooser.getByLabel('Name shown for fake-small').fill('Small one');
  await chooser.getByLabel('Context window of fake-small, in tokens').fill('32,000');
  await chooser.getByRole('checkbox', { name: 'Sees images (fake-small)' }).uncheck();
  await chooser.getByRole('button', { name: 'Save models' }).click();
  const chips = custom.getByRole('list', { name: 'Lab models' }).getByRole('listitem');
  await expect.poll(() => chips.allTextContents()).toEqual(['fake-large', 'Small one', 'hand-made']);
  await custom.getByText(`Key ending in ••••${FAKE_KEY.slice(-4)}`).waitFor();
  const saved = await page.evaluate(() => fetch('/api/keys').then((r) => r.json()));
  expect(saved.keys[0].models).toContainEqual({
    id: 'fake-small',
    label: 'Small one',
    contextWindow: 32_000,
    vision: false,
  });

  result = await settings.testKey('Lab');
  expect(await result.textContent()).toContain('The key works');
  expect(await result.getAttribute('class')).toContain('key-ok');

  // A second endpoint, with a name of its own; both offer their models, grouped by name.
  chooser = await settings.saveCustomEndpoint('Cloud', fake.url, FAKE_KEY);
  await expect.poll(() => chooser.getByRole('checkbox', { name: 'fake-large', exact: true }).isChecked()).toBe(true);
  await chooser.getByRole('checkbox', { name: 'fake-small', exact: true }).uncheck();
  await chooser.getByRole('checkbox', { name: 'gpt-4.1-mini', exact: true }).uncheck();
  await chooser.getByRole('button', { name: 'Save models' }).click();
  await settings.provider('Cloud').getByRole('list', { name: 'Cloud models' }).waitFor();
  await settings.models.getByRole('button', { name: 'Favourite fake-large (Cloud)' }).waitFor();
  await settings.models.getByRole('button', { name: 'Favourite fake-large (Lab)' }).waitFor();
  await pageShot(page, 'settings-keys-1280');

  // Its model is chosen in the composer, and the reply comes from it.
  await new Sidebar(page).createChat();
  const chat = new ConversationPage(page);
  await chat.ready();
  const cloudLarge = await chat.model.locator('optgroup[label="Cloud"] option').getAttribute('value');
  expect(cloudLarge).toMatch(/^custom:[\w-]+\/fake-large$/);
  await chat.model.selectOption(cloudLarge!);
  await chat.sendMessage('Which endpoint answers?');
  await chat.waitForStatus(chat.last, 'done');
  expect(fake.chats('Which endpoint answers?').at(-1)).toMatchObject({
    apiKey: FAKE_KEY,
    body: { model: 'fake-large' },
  });

  await settings.goto();
  await settings.removeKey('Lab');
  await expect.poll(() => settings.provider('Lab').count()).toBe(0);
  await expect.poll(() => settings.models.getByRole('button', { name: 'Favourite fake-large (Lab)' }).count()).toBe(0);
  await settings.provider('Cloud').waitFor();
  await context.close();
});

test('a settings change on one device shows on the other, live', async () => {
  const laptop = await signedUpDevice();
  const phone = await openDevice(browser, { baseURL: hearth.url, width: 390 });
  await phone.page.goto('/');
  await new SignInPage(phone.page).signIn(laptop.account);
  await new AppShell(phone.page).emptyState.waitFor();
  const phoneSettings = new SettingsPage(phone.page);
  await phoneSettings.goto();
  await phoneSettings.themeRadio('System').waitFor({ state: 'attached' });
  expect(await phoneSettings.themeRadio('System').isChecked()).toBe(true);

  // A choice shows as chosen within the click's own event, not a frame later (React would
  // put a controlled radio back until the doc's change re-rendered it).
  const light = laptop.settings.themeRadio('Light');
  expect(
    await light.evaluate((radio: HTMLInputElement) => {
      radio.click();
      return radio.checked;
    }),
  ).toBe(true);
  await laptop.settings.setTheme('Dark');
  await laptop.settings.addTrait('concise');
  await laptop.settings.addTrait('warm, curious');
  await laptop.settings.instructions.getByLabel('What should Hearth call you?').fill('Ada');
  await laptop.settings.models.getByRole('button', { name: 'Favourite GPT-4.1 (OpenAI)' }).click();
  await expect.poll(() => laptop.settings.traits().allTextContents()).toEqual(['concise', 'warm', 'curious']);
  expect(await laptop.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

  // The phone gets every change through sync, without a reload.
  await expect.poll(() => phone.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await phoneSettings.themeRadio('Dark').isChecked()).toBe(true);
  await expect.poll(() => phoneSettings.traits().allTextContents()).toEqual(['concise', 'warm', 'curious']);
  await expect
    .poll(() => phoneSettings.instructions.getByLabel('What should Hearth call you?').inputValue())
    .toBe('Ada');
  const star = phoneSettings.models.getByRole('button', { name: 'Favourite GPT-4.1 (OpenAI)' });
  await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');

  // Traits come off with Backspace in the empty field, or with their × button.
  const input = phoneSettings.instructions.getByLabel('What traits should Hearth have?');
  await input.focus();
  await input.press('Backspace');
  await phoneSettings.instructions.getByRole('button', { name: 'Remove concise' }).click();
  await expect.poll(() => laptop.settings.traits().allTextContents()).toEqual(['warm']);

  await phoneSettings.openSection('Appearance');
  await pageShot(phone.page, 'settings-sync-390-dark');
  await laptop.settings.setTheme('System');
  await expect.poll(() => phone.page.evaluate(() => document.documentElement.dataset.theme ?? 'system')).toBe('system');
  await laptop.context.close();
  await phone.context.close();
});

test('a provider hidden from the model picker in Models is gone from the composer', async () => {
  const { context, page, settings } = await signedUpDevice();
  await settings.models.getByRole('checkbox', { name: 'Groq' }).uncheck();
  await new Sidebar(page).createChat();
  const chat = new ConversationPage(page);
  await chat.ready();
  const offered = () =>
    chat.model.evaluate((select: HTMLSelectElement) => [...select.options].map((option) => option.value));
  expect(await offered()).toContain('openai/gpt-4.1');
  expect((await offered()).filter((id) => id.startsWith('groq/'))).toEqual([]);
  await context.close();
});

test('offline: keys wait for the connection; instructions and modes still work', async () => {
  const { context, settings } = await signedUpDevice(390);
  await settings.provider('OpenAI').getByText('No key saved.').waitFor();
  await context.setOffline(true);
  await settings.keys.getByText("You're offline. Connect to add, test or remove keys.").waitFor();
  expect(await settings.keys.getByRole('button', { name: 'Add OpenAI key' }).isDisabled()).toBe(true);

  await settings.addTrait('patient');
  await settings.createMode({ name: 'Offline mode', prompt: 'Works without a network.' });
  await expect.poll(() => settings.modeRows().count()).toBe(1);
  expect(await settings.traits().allTextContents()).toEqual(['patient']);

  await context.setOffline(false);
  await settings.keys.getByText("You're offline.").waitFor({ state: 'detached' });
  expect(await settings.keys.getByRole('button', { name: 'Add OpenAI key' }).isEnabled()).toBe(true);
  await context.close();
});

test('modes: create, edit and delete', async () => {
  const { context, page, settings } = await signedUpDevice(390);
  await settings.modes.getByText('No modes yet.').waitFor();

  // A mode needs a name and a prompt.
  await settings.modes.getByRole('button', { name: 'New mode' }).click();
  await settings.dialog.getByRole('button', { name: 'Create mode' }).click();
  await settings.dialog.getByText('Give the mode a name.').waitFor();
  await settings.fillMode({ name: 'Tutor', icon: '🧑‍🏫', prompt: 'Explain step by step.' });
  await settings.dialog.screenshot({ path: path.join(RESULTS, 'settings-mode-dialog-390.png') });
  await settings.dialog.getByRole('button', { name: 'Create mode' }).click();
  await settings.dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => settings.modeRows().count()).toBe(1);
  expect(await settings.modeRows().first().textContent()).toContain('Explain step by step.');

  await settings.modes.getByRole('button', { name: 'Edit Tutor' }).click();
  expect(await settings.dialog.getByLabel('System prompt').inputValue()).toBe('Explain step by step.');
  await settings.fillMode({ name: 'Patient tutor' });
  await settings.dialog.getByRole('button', { name: 'Save mode' }).click();
  await settings.modes.getByText('Patient tutor').waitFor();

  // Survives a reload: it lives in the index doc on this device.
  await settings.createMode({ name: 'Reviewer', prompt: 'Review my code.' });
  await page.reload();
  await expect.poll(() => settings.modeRows().allTextContents()).toHaveLength(2);

  await settings.modes.getByRole('button', { name: 'Delete Patient tutor' }).click();
  await settings.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => settings.modeRows().count()).toBe(2);
  await settings.modes.getByRole('button', { name: 'Delete Patient tutor' }).click();
  await settings.dialog.getByRole('button', { name: 'Delete mode' }).click();
  await expect.poll(() => settings.modeRows().count()).toBe(1);
  expect(await settings.modeRows().first().textContent()).toContain('Reviewer');
  await context.close();
});

test('usage: empty at first, then a chart and a table per model; no serious accessibility problems', async () => {
  const desktop = await signedUpDevice();
  await desktop.settings.usage.getByText('No usage in the last 30 days.').waitFor();

  const me = (await desktop.page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))) as {
    user: { id: string };
  };
  const db = new Database(path.join(hearth.dataDir, 'hearth.db'));
  db.pragma('busy_timeout = 5000');
  const store = new UsageStore(db);
  const day = 86_400_000;
  const now = Date.now();
  for (let i = 0; i < 24; i += 1) {
    const at = now - i * day;
    store.record(
      me.user.id,
      'openai/gpt-4.1-mini',
      { inputTokens: 800 + i * 90, outputTokens: 1500 + (i % 5) * 400 },
      at,
    );
    if (i % 3 === 0)
      store.record(me.user.id, 'groq/llama-3.3-70b-versatile', { inputTokens: 600, outputTokens: 2400 }, at);
    if (i % 4 === 1) store.record(me.user.id, 'custom/llama3.2:3b', { inputTokens: 300, outputTokens: 900 }, at);
  }
  db.close();

  await desktop.page.reload();
  const chart = desktop.settings.usage.getByRole('img', { name: /^Tokens per day/ });
  await chart.waitFor();
  const rows = desktop.settings.usage.getByRole('table', { name: 'By model' }).locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(3);
  expect(await rows.first().textContent()).toContain('GPT-4.1 mini (OpenAI)');
  expect(await desktop.settings.usage.locator('.chart-day').count()).toBe(30);

  await pageShot(desktop.page, 'settings-1280');
  expect(await seriousA11yProblems(desktop.page)).toEqual([]);
  await desktop.settings.setTheme('Dark');
  await pageShot(desktop.page, 'settings-usage-1280-dark');
  expect(await seriousA11yProblems(desktop.page)).toEqual([]);
  await desktop.settings.setTheme('System');

  const phone = await openDevice(browser, { baseURL: hearth.url, width: 390 });
  await phone.page.goto('/');
  await new SignInPage(phone.page).signIn(desktop.account);
  await new AppShell(phone.page).emptyState.waitFor();
  const phoneSettings = new SettingsPage(phone.page);
  await phoneSettings.goto();
  await phoneSettings.usage.getByRole('img', { name: /^Tokens per day/ }).waitFor();
  await pageShot(phone.page, 'settings-390');
  expect(await seriousA11yProblems(phone.page)).toEqual([]);
  // Sections above Usage that load their own data are loaded, so none grows after the jump.
  await phone.page.locator('#search[aria-busy="false"]').waitFor();
  await phoneSettings.openSection('Usage');
  // A smooth scroll, which sections settling above it can prolong on a loaded machine.
  await expect
    .poll(() => phoneSettings.usage.evaluate((el) => Math.round(el.getBoundingClientRect().top)), { timeout: 20_000 })
    .toBeLessThan(120);
  await desktop.context.close();
  await phone.context.close();
});
