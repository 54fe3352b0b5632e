// Page object for /signup.
import type { Locator, Page } from 'playwright-core';

export class SignUpPage {
  readonly heading: Locator;
  readonly submitButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Create your account' });
    this.submitButton = page.getByRole('button', { name: 'Create account' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/signup');
    await this.heading.waitFor();
  }

  async signUp(account: { name: string; email: string; password: string }): Promise<void> {
    await this.page.getByLabel('Name').fill(account.name);
    await this.page.getByLabel('Email').fill(account.email);
    await this.page.getByLabel('Password').fill(account.password);
    await this.submitButton.click();
  }
}
