// Page object for chats: the sidebar's thread list and one open thread with its draft.
import type { Locator, Page } from 'playwright-core';

export class ChatPage {
  readonly threadList: Locator;
  readonly draft: Locator;
  readonly heading: Locator;
  readonly syncStatus: Locator;

  constructor(readonly page: Page) {
    this.threadList = page.getByRole('navigation', { name: 'Sidebar' }).locator('.thread-list');
    this.draft = page.getByRole('textbox', { name: 'Message' });
    this.heading = page.locator('#thread-title');
    this.syncStatus = page.getByTestId('sync-status');
  }

  thread(title: string): Locator {
    return this.threadList.getByRole('link', { name: title });
  }

  async open(threadId: string): Promise<void> {
    await this.threadList.locator(`a[href="/t/${threadId}"]`).click();
    await this.waitUntilOpen(threadId);
  }

  /**
   * Waits until the page shows this chat (its row is the current one: the URL changes a
   * moment before the page does) and its composer accepts text.
   */
  async waitUntilOpen(threadId: string): Promise<void> {
    // By CSS: a closed drawer at phone width is hidden from the roles locators search.
    await this.page
      .locator(`#sidebar .thread-list a[href="/t/${threadId}"][aria-current="page"]`)
      .waitFor({ state: 'attached' });
    await this.draft.waitFor();
    await this.page.waitForFunction(() => !(document.querySelector('#draft') as HTMLTextAreaElement | null)?.disabled);
  }

  async typeInDraft(text: string): Promise<void> {
    await this.draft.click();
    await this.page.keyboard.press('End');
    await this.draft.pressSequentially(text);
  }

  async rename(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Rename', exact: true }).click();
    const field = this.page.getByLabel('Chat name');
    await field.fill(title);
    await field.press('Enter');
  }

  async waitForSynced(): Promise<void> {
    await this.waitForSyncStatus('synced');
  }

  /** Waits for the sync status to be of this kind: "synced", "offline", "syncing"… */
  async waitForSyncStatus(kind: string): Promise<void> {
    await this.page.waitForSelector(`[data-testid="sync-status"][data-kind="${kind}"]`);
  }
}
