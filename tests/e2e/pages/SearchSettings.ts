// Page object for Settings → Search: the search-by-meaning switch, the embedding model, the
// cost estimate, the progress of indexing and the error that stopped it.
import type { Locator, Page } from 'playwright-core';

export class SearchSettings {
  readonly section: Locator;
  readonly meaning: Locator;
  readonly model: Locator;
  readonly progress: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Search', exact: true });
    this.meaning = this.section.getByRole('checkbox', { name: 'Search by meaning' });
    this.model = this.section.getByLabel('Embedding model');
    this.progress = this.section.getByRole('progressbar');
    this.error = this.section.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/settings#search');
    await this.meaning.waitFor();
  }

  /** The "N of M messages indexed" line. */
  indexed(count: number, total: number): Locator {
    return this.section.getByText(`${count.toLocaleString('en')} of ${total.toLocaleString('en')} messages indexed`);
  }

  /** The estimate of what indexing the rest will take. */
  estimate(): Locator {
    return this.section.getByText(/^Indexing the .* not indexed yet takes about/);
  }

  async tryAgain(): Promise<void> {
    await this.error.getByRole('button', { name: 'Try again' }).click();
  }
}
