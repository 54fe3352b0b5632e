// Page object for the sidebar's chats: new chat (through the home composer), search,
// grouped rows with their actions menus, inline rename, and the "Chat deleted — Undo" notice.
//
// A chat counts as open when its row is marked current (aria-current="page"), not when the
// URL changes: the router renders a navigation as a React transition, so on a busy or slow
// device the URL moves first and the page (and the highlighted row) follow a moment later.
// Acting on "the open chat" in that moment acts on the previous one. An action that moves
// rows (a pin) needs no wait: the list reads the index doc and moves them in the render of
// the click.
import type { Locator, Page } from 'playwright-core';
import { HomePage } from './HomePage';

export class Sidebar {
  readonly nav: Locator;
  readonly newChat: Locator;
  /** Opens the search palette (SearchPalette). */
  readonly search: Locator;
  readonly list: Locator;
  /** The open chat's link. */
  readonly current: Locator;
  readonly scroller: Locator;
  readonly empty: Locator;
  readonly menu: Locator;
  readonly renameField: Locator;
  readonly undoToast: Locator;
  readonly undoButton: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Sidebar' });
    // Exact: a chat still called "New chat" has an "Actions for New chat" button too.
    this.newChat = this.nav.getByRole('button', { name: 'New chat', exact: true });
    this.search = this.nav.getByRole('button', { name: 'Search', exact: true });
    this.list = this.nav.getByRole('list', { name: 'Chats' });
    this.current = this.list.locator('a[aria-current="page"]');
    this.scroller = this.nav.locator('.thread-scroll');
    this.empty = this.nav.locator('.sidebar-empty');
    this.menu = page.getByRole('menu');
    this.renameField = this.nav.getByRole('textbox', { name: 'Chat name' });
    this.undoToast = page.getByTestId('undo-toast');
    this.undoButton = this.undoToast.getByRole('button', { name: 'Undo' });
  }

  /** The row (list item) of the chat with exactly this title. */
  row(title: string): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  link(title: string): Locator {
    return this.list.getByRole('link', { name: title, exact: true });
  }

  menuButton(title: string): Locator {
    return this.row(title).getByRole('button', { name: `Actions for ${title}` });
  }

  /**
   * Starts a chat as a person does: New chat opens the home composer, and the first character
   * typed there creates the chat and opens it, the cursor in its draft. That character is
   * erased again, so the chat is open with an empty draft. Returns its id.
   */
  async createChat(): Promise<string> {
    await this.newChat.click();
    const home = new HomePage(this.page);
    // The home page, not just its address: the chat left behind has a composer too.
    await home.heading.waitFor();
    const id = await home.startChat('x');
    await this.waitUntilOpen(id);
    await this.page.keyboard.press('Backspace');
    await this.page.waitForFunction(() => (document.querySelector('#draft') as HTMLTextAreaElement).value === '');
    return id;
  }

  /** Follows the chat's link and waits until it is the open one; returns its id. */
  async open(title: string): Promise<string> {
    const id = (await this.link(title).getAttribute('href'))!.split('/t/')[1]!;
    await this.link(title).click();
    await this.waitUntilOpen(id);
    return id;
  }

  /** Waits until the chat's row is the current one: the page shows that chat. */
  async waitUntilOpen(id: string): Promise<void> {
    // By CSS, not by role: at phone width following a chat closes the drawer, and a closed
    // drawer (hidden, inert) is not in the accessibility tree that roles are found in.
    await this.page
      .locator(`#sidebar .thread-list a[href="/t/${id}"][aria-current="page"]`)
      .waitFor({ state: 'attached' });
  }

  /** Renames the open chat (its row is the current one) by double-clicking it. */
  async renameOpenChat(title: string): Promise<void> {
    await this.current.dblclick();
    await this.renameField.fill(title);
    await this.renameField.press('Enter');
    await this.link(title).waitFor();
  }

  async openMenu(title: string): Promise<Locator> {
    await this.menuButton(title).click();
    await this.menu.waitFor();
    return this.menu;
  }

  async chooseFromMenu(title: string, item: 'Rename' | 'Pin' | 'Unpin' | 'Delete'): Promise<void> {
    const menu = await this.openMenu(title);
    await menu.getByRole('menuitem', { name: item }).click();
  }

  /** Waits until the chat's row is drawn in the Pinned group (or, with false, outside it). */
  async waitUntilPinned(title: string, pinned: boolean): Promise<void> {
    await this.page.waitForFunction(
      ({ title, pinned }) => {
        let group = '';
        for (const li of document.querySelectorAll('#sidebar .thread-list > li')) {
          const heading = li.querySelector('h3');
          if (heading) group = heading.textContent ?? '';
          else if (li.querySelector('.thread-title')?.textContent === title) return (group === 'Pinned') === pinned;
        }
        return false;
      },
      { title, pinned },
    );
  }

  async renameFromMenu(title: string, next: string): Promise<void> {
    await this.chooseFromMenu(title, 'Rename');
    await this.renameField.fill(next);
    await this.renameField.press('Enter');
    await this.link(next).waitFor();
  }

  /** The group headers and chat titles as drawn, in order: "# Today", "Groceries", … */
  async outline(): Promise<string[]> {
    return this.list.evaluate((list) =>
      [...list.children].map((li) => {
        const heading = li.querySelector('h3');
        return heading ? `# ${heading.textContent}` : (li.querySelector('.thread-title')?.textContent ?? '');
      }),
    );
  }

  /** The titles of the chats drawn, in order. */
  async titles(): Promise<string[]> {
    return (await this.outline()).filter((line) => !line.startsWith('# '));
  }
}
