// Page object for /settings: the section nav and each section (API keys, models, custom
// instructions, modes, appearance, usage, account, devices).
import type { Locator, Page } from 'playwright-core';

export class SettingsPage {
  readonly nav: Locator;
  readonly keys: Locator;
  readonly models: Locator;
  readonly instructions: Locator;
  readonly modes: Locator;
  readonly appearance: Locator;
  readonly usage: Locator;
  readonly account: Locator;
  readonly devices: Locator;
  readonly deviceRows: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    const region = (name: string) => page.getByRole('region', { name, exact: true });
    this.nav = page.getByRole('navigation', { name: 'Settings sections' });
    this.keys = region('API keys');
    this.models = region('Models');
    this.instructions = region('Custom instructions');
    this.modes = region('Modes');
    this.appearance = region('Appearance');
    this.usage = region('Usage');
    this.account = region('Account');
    this.devices = region('Devices');
    this.deviceRows = this.devices.getByRole('listitem');
    this.dialog = page.getByRole('dialog');
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

  // ---- API keys -------------------------------------------------------------------

  /** A provider's row in the API keys list, by its name ("OpenAI", a custom endpoint's name, "New custom endpoint"). */
  provider(name: string): Locator {
    return this.keys.getByRole('listitem').filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  async addKey(provider: string, apiKey: string): Promise<void> {
    await this.keys.getByRole('button', { name: `Add ${provider} key` }).click();
    await this.keys.getByLabel(`${provider} API key`).fill(apiKey);
    await this.keys.getByRole('button', { name: 'Save key' }).click();
  }

  async testKey(provider: string): Promise<Locator> {
    const row = this.provider(provider);
    await row.getByRole('button', { name: /^Test / }).click();
    const result = row.locator('.key-result');
    await result.filter({ hasNotText: 'Testing' }).waitFor();
    return result;
  }

  /** Opens the confirmation for removing a key (or the custom endpoint) and confirms it. */
  async removeKey(provider: string): Promise<void> {
    await this.provider(provider)
      .getByRole('button', { name: /^Remove / })
      .click();
    await this.dialog.getByRole('button', { name: /^Remove (key|endpoint)$/ }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  /**
   * Adds a custom endpoint named `name`, or edits the one of that name, with this address and
   * key; answers its model chooser, which opens next.
   */
  async saveCustomEndpoint(name: string, baseURL: string, apiKey: string): Promise<Locator> {
    const existing = this.provider(name);
    const isNew = (await existing.count()) === 0;
    const row = isNew ? this.provider('New custom endpoint') : existing;
    await row.getByRole('button', { name: isNew ? 'Add custom endpoint' : `Edit ${name}`, exact: true }).click();
    await row.getByLabel('Name', { exact: true }).fill(name);
    await row.getByLabel('Server address').fill(baseURL);
    await row.getByLabel('API key (optional)').fill(apiKey);
    await row.getByRole('button', { name: 'Save and choose models' }).click();
    return this.provider(name).getByRole('form', { name: `${name} models` });
  }

  // ---- custom instructions, modes, appearance -----------------------------------------

  async addTrait(trait: string): Promise<void> {
    const input = this.instructions.getByLabel('What traits should Hearth have?');
    await input.fill(trait);
    await input.press('Enter');
  }

  traits(): Locator {
    return this.instructions.getByRole('list', { name: 'Traits' }).getByRole('listitem');
  }

  async setTheme(theme: 'System' | 'Light' | 'Dark'): Promise<void> {
    await this.appearance.getByRole('radio', { name: new RegExp(`^${theme}`) }).check();
  }

  themeRadio(theme: 'System' | 'Light' | 'Dark'): Locator {
    return this.appearance.getByRole('radio', { name: new RegExp(`^${theme}`) });
  }

  modeRows(): Locator {
    return this.modes.getByRole('list', { name: 'Modes' }).getByRole('listitem');
  }

  async fillMode(mode: { name?: string; icon?: string; prompt?: string }): Promise<void> {
    if (mode.name !== undefined) await this.dialog.getByLabel('Name').fill(mode.name);
    if (mode.icon !== undefined) await this.dialog.getByLabel('Icon').fill(mode.icon);
    if (mode.prompt !== undefined) await this.dialog.getByLabel('System prompt').fill(mode.prompt);
  }

  async createMode(mode: { name: string; icon?: string; prompt: string }): Promise<void> {
    await this.modes.getByRole('button', { name: 'New mode' }).click();
    await this.fillMode(mode);
    await this.dialog.getByRole('button', { name: 'Create mode' }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  /** Goes to a section through the section nav (a list above the sections on a phone). */
  async openSection(name: string): Promise<void> {
    await this.nav.getByRole('link', { name, exact: true }).click();
  }
}
