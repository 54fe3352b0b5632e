// Page object for the start screen: the home composer, its ideas for a first message, and
// the provider setup shown when no model can answer yet (key form, local Ollama offer).
import type { Locator, Page } from 'playwright-core';

export class HomePage {
  readonly heading: Locator;
  readonly draft: Locator;
  readonly suggestions: Locator;
  readonly setup: Locator;
  readonly provider: Locator;
  readonly serverAddress: Locator;
  readonly apiKey: Locator;
  readonly connect: Locator;
  readonly ollamaOffer: Locator;
  readonly useOllama: Locator;
  readonly connected: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Start a conversation' });
    this.draft = page.getByRole('textbox', { name: 'Message', exact: true });
    this.suggestions = page.getByRole('list', { name: 'Ideas for a first message' });
    this.setup = page.getByRole('region', { name: 'Connect a model to get answers' });
    const form = page.getByRole('form', { name: 'Connect a provider' });
    this.provider = form.getByRole('combobox', { name: 'Provider' });
    this.serverAddress = form.getByRole('textbox', { name: 'Server address' });
    this.apiKey = form.getByLabel(/API key/);
    this.connect = form.getByRole('button', { name: /^(Connect|Save and test key)$/ });
    this.ollamaOffer = this.setup.locator('.ollama-offer');
    this.useOllama = this.setup.getByRole('button', { name: 'Use Ollama' });
    this.connected = page.getByRole('status').filter({ hasText: 'Connected. Write your first message below.' });
  }

  /** Fills the key form: `baseURL` picks "Other (OpenAI-compatible server)". */
  async connectProvider(apiKey: string, baseURL?: string): Promise<void> {
    if (baseURL) {
      await this.provider.selectOption({ label: 'Other (OpenAI-compatible server)' });
      await this.serverAddress.fill(baseURL);
    }
    await this.apiKey.fill(apiKey);
    await this.connect.click();
  }

  /** Types into the home composer; the chat is created and opened on the first character. */
  async startChat(text: string): Promise<string> {
    await this.draft.pressSequentially(text.slice(0, 1));
    await this.page.waitForURL((url) => /\/t\/[0-9a-f]{32}$/.test(url.pathname));
    // The thread page has the cursor in its composer, after what was typed: keep typing there.
    await this.page.locator('#thread-title').waitFor();
    await this.page.waitForFunction(() => document.activeElement?.id === 'draft');
    await this.page.keyboard.type(text.slice(1));
    return this.page.url().split('/t/')[1]!;
  }
}
