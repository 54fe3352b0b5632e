// Page object for search: the palette opened by Ctrl+K (or the sidebar's Search), its box,
// its results (chats, each followed by its matching messages), and its notes.
import type { Locator, Page } from 'playwright-core';

export class SearchPalette {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly results: Locator;
  readonly options: Locator;
  readonly notes: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Search' });
    this.input = this.dialog.getByRole('combobox', { name: 'Search chats and messages' });
    this.results = this.dialog.getByRole('listbox');
    this.options = this.dialog.getByRole('option');
    this.notes = this.dialog.getByRole('status');
    this.empty = this.dialog.locator('.search-empty');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await this.input.waitFor();
  }

  async search(query: string): Promise<void> {
    await this.input.fill(query);
  }

  /** The chat's group of results, by its title. */
  group(title: string): Locator {
    return this.results.getByRole('group', { name: title, exact: true });
  }

  /** The message results whose snippet contains `text`. */
  message(text: string): Locator {
    return this.options.filter({ has: this.page.locator('.search-snippet', { hasText: text }) });
  }

  /** The titles of the chats found, best first. */
  async chatTitles(): Promise<string[]> {
    return this.results
      .getByRole('group')
      .evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label') ?? ''));
  }

  /** The words marked in an option, in order. */
  async marked(option: Locator): Promise<string[]> {
    return option.locator('mark').allTextContents();
  }

  /** The active option's text (the one Enter opens). */
  async activeText(): Promise<string> {
    const id = await this.input.getAttribute('aria-activedescendant');
    return id ? ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
