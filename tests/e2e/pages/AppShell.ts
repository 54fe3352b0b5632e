// Page object for the signed-in layout: sidebar (a drawer on narrow screens) and main pane.
import type { Locator, Page } from 'playwright-core';

export class AppShell {
  readonly sidebar: Locator;
  readonly main: Locator;
  readonly userName: Locator;
  readonly emptyState: Locator;
  readonly offlineIndicator: Locator;
  readonly menuButton: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('navigation', { name: 'Sidebar' });
    this.main = page.getByRole('main');
    this.userName = page.getByTestId('user-name');
    this.emptyState = page.getByRole('heading', { name: 'Start a conversation' });
    this.offlineIndicator = page.getByRole('status').filter({ hasText: 'Offline — changes stay on this device' });
    this.menuButton = page.getByRole('button', { name: 'Open menu' });
  }

  async waitForReady(): Promise<void> {
    await this.userName.waitFor({ state: 'attached' });
  }

  /**
   * On narrow screens the sidebar hides in a drawer; open it so its contents are usable,
   * and wait until it has finished sliding in (so it is drawn where it comes to rest).
   */
  async openSidebar(): Promise<void> {
    if (await this.menuButton.isVisible()) {
      await this.menuButton.click();
      await this.sidebar.getByRole('button', { name: 'Close menu' }).waitFor();
      // A transition that is cancelled rejects `finished`: the drawer has stopped either way.
      await this.sidebar.evaluate((nav) => Promise.all(nav.getAnimations().map((a) => a.finished.catch(() => {}))));
    }
  }

  async goToSettings(): Promise<void> {
    await this.openSidebar();
    await this.sidebar.getByRole('link', { name: 'Settings' }).click();
    await this.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  }

  async signOut(): Promise<void> {
    await this.openSidebar();
    await this.sidebar.getByRole('button', { name: 'Sign out' }).click();
  }
}
