// A desktop-sized page signed in as the ApiClient's account (its session cookie), for the
// client benchmarks, which measure the app rather than signing in.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ApiClient } from '../../tests/support/api-client';

export async function openSignedInPage(
  browser: Browser,
  baseURL: string,
  api: ApiClient,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const [name, value] = api.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseURL }]);
  // tsx keeps function names with a __name helper that functions sent to the page lack.
  await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return { context, page };
}
