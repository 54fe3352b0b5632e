// Page object for one open thread: the messages of the active path with their actions and
// states, the composer (draft, model, send, stop), and forking.
import type { Locator, Page } from 'playwright-core';

export type Status = 'done' | 'queued' | 'streaming' | 'cancel' | 'cancelled' | 'error' | 'interrupted';

/** A message's text: markdown for replies, plain for your own words. */
const BODY = '.markdown, .message-text';

export class ConversationPage {
  readonly heading: Locator;
  readonly messages: Locator;
  readonly draft: Locator;
  readonly send: Locator;
  readonly composer: Locator;
  readonly stop: Locator;
  readonly model: Locator;
  readonly mode: Locator;
  readonly editField: Locator;
  readonly scroller: Locator;
  readonly jumpToLatest: Locator;

  constructor(readonly page: Page) {
    this.heading = page.locator('#thread-title');
    this.messages = page.getByTestId('message');
    this.draft = page.getByRole('textbox', { name: 'Message', exact: true });
    this.composer = page.locator('form.composer');
    this.send = this.composer.getByRole('button', { name: 'Send' });
    this.stop = this.composer.getByRole('button', { name: 'Stop' });
    this.model = this.composer.getByRole('combobox', { name: 'Model', exact: true });
    this.mode = this.composer.getByRole('combobox', { name: 'Mode', exact: true });
    this.editField = page.getByRole('textbox', { name: 'Edit message' });
    this.scroller = page.locator('.thread-scroller');
    this.jumpToLatest = page.getByRole('button', { name: 'Jump to latest' });
  }

  /** Waits until the thread doc is open and the composer accepts text. */
  async ready(): Promise<void> {
    await this.draft.waitFor();
    await this.page.waitForFunction(() => !(document.querySelector('#draft') as HTMLTextAreaElement | null)?.disabled);
  }

  async sendMessage(text: string): Promise<void> {
    await this.draft.fill(text);
    await this.draft.press('Enter');
  }

  /** The message at `index` on the path (negative: from the end), among those drawn. */
  message(index: number): Locator {
    return this.messages.nth(index);
  }

  get last(): Locator {
    return this.messages.last();
  }

  /** The message whose text contains `text`. */
  withText(text: string): Locator {
    return this.messages.filter({ hasText: text });
  }

  async waitForStatus(message: Locator, status: Status | Status[]): Promise<void> {
    const wanted = Array.isArray(status) ? status : [status];
    await message
      .and(this.page.locator(wanted.map((s) => `[data-status="${s}"]`).join(',')))
      .waitFor({ timeout: 15_000 });
  }

  /** A message's status and text right now, read in one go (for watching a reply stream). */
  async snapshot(message: Locator): Promise<{ status: string | undefined; text: string }> {
    return message.evaluate(
      (node: HTMLElement, body) => ({
        status: node.dataset.status,
        text: node.querySelector(body)?.textContent?.trim() ?? '',
      }),
      BODY,
    );
  }

  action(message: Locator, name: string): Locator {
    return message.getByRole('button', { name, exact: true });
  }

  /** "2/3": the branch switcher's position, or null when the message has one version. */
  async versions(message: Locator): Promise<string | null> {
    const position = message.locator('.branch-position');
    return (await position.count()) ? position.textContent() : null;
  }

  /** Regenerates with a model picked from the menu (its provider's group, as labelled there). */
  async regenerateWith(message: Locator, modelLabel: string, provider = 'OpenAI'): Promise<void> {
    await message.hover();
    await this.action(message, 'Regenerate with another model').click();
    const group = this.page.getByRole('menu').getByRole('group', { name: provider, exact: true });
    await group.getByRole('menuitemradio', { name: modelLabel, exact: true }).click();
  }

  async edit(message: Locator, text: string): Promise<void> {
    await message.hover();
    await this.action(message, 'Edit').click();
    await this.editField.fill(text);
    await this.editField.press('Enter');
  }

  /** Forks from `message`, waits for the new thread and returns its id. */
  async fork(message: Locator): Promise<string> {
    const before = this.page.url();
    await message.hover();
    await this.action(message, 'Fork from here').click();
    await this.page.waitForURL((url) => /\/t\/[0-9a-f]{32}$/.test(url.pathname) && url.href !== before);
    const id = this.page.url().split('/t/')[1]!;
    // The URL changes a moment before the page does: wait for the fork's row to be current.
    await this.page.locator(`.thread-list a[href="/t/${id}"][aria-current="page"]`).waitFor({ state: 'attached' });
    await this.ready();
    return id;
  }

  /** The texts of the messages drawn, in order. */
  async texts(): Promise<string[]> {
    return this.messages.evaluateAll(
      (nodes, body) => nodes.map((node) => node.querySelector(body)?.textContent?.trim() ?? ''),
      BODY,
    );
  }
}
