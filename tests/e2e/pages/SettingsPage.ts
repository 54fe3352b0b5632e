// Page object for /settings: the Account and Devices sections.
import type { Locator, Page } from 'playwright-core';

export class SettingsPage {
  readonly account: Locator;
  readonly devices: Locator;
  readonly deviceRows: Locator;

  constructor(readonly page: Page) {
    this.account = page.getByRole('region', { name: 'Account' });
    this.devices = page.getByRole('region', { name: 'Devices' });
    this.deviceRows = this.devices.getByRole('listitem');
  }

  async goto(): Promise<void> {
    await this.page.goto('/settings');
    await this.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.account.getByLabel('Current password').fill(currentPassword);
    await this.account.getByLabel('New password').fill(newPassword);
    await this.account.getByRole('button', { name: 'Change password' }).click();
  }

  /** The inline error shown under a field, found through the field's aria-describedby. */
  fieldError(label: string): Locator {
    return this.account
      .locator('.field', { has: this.page.getByLabel(label, { exact: true }) })
      .locator('.field-error');
  }

  thisDevice(): Locator {
    return this.deviceRows.filter({ hasText: 'This device' });
  }

  async signOut(): Promise<void> {
    await this.account.getByRole('button', { name: 'Sign out', exact: true }).click();
  }
}
