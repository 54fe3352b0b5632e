// Page object for chats: the sidebar's thread list and one open thread with its draft.
import type { Locator, Page } from 'playwright-core';

export class ChatPage {
  readonly newChat: Locator;
  readonly threadList: Locator;
  readonly draft: Locator;
  readonly heading: Locator;
  readonly syncStatus: Locator;

  constructor(readonly page: Page) {
    // Exact: a chat still called "New chat" has an "Actions for New chat" button too.
    this.newChat = page.getByRole('button', { name: 'New chat', exact: true });
    this.threadList = page.getByRole('navigation', { name: 'Sidebar' }).locator('.thread-list');
    this.draft = page.getByRole('textbox', { name: 'Message' });
    this.heading = page.locator('#thread-title');
    this.syncStatus = page.getByTestId('sync-status');
  }

  /** Starts a new chat and returns its id (from the URL). */
  async create(): Promise<string> {
    await this.newChat.click();
    await this.page.waitForURL(/\/t\/[0-9a-f]{32}$/);
    await this.draft.waitFor();
    await this.page.waitForFunction(() => !(document.querySelector('#draft') as HTMLTextAreaElement | null)?.disabled);
    return this.page.url().split('/t/')[1]!;
  }

  thread(title: string): Locator {
    return this.threadList.getByRole('link', { name: title });
  }

  async open(threadId: string): Promise<void> {
    await this.threadList.locator(`a[href="/t/${threadId}"]`).click();
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
