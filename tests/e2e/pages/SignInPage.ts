// Page object for /signin.
import type { Locator, Page } from 'playwright-core';

export class SignInPage {
  readonly heading: Locator;
  readonly expiredNotice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in' });
    this.expiredNotice = page.getByText('Your session has expired — sign in again');
  }

  async signIn(account: { email: string; password: string }): Promise<void> {
    await this.page.getByLabel('Email').fill(account.email);
    await this.page.getByLabel('Password').fill(account.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }
}
