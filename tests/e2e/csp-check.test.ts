// The end-to-end suite's Content-Security-Policy check (tests/support/browser.ts, run after
// every test by tests/support/csp-check.ts), against a tiny local server that sends a strict
// policy: a page within it reports nothing; a page with an inline script and an eval is
// caught both ways (the page's violation event and Chromium's console), and the check fails.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectNoCspViolations, launchBrowser, openDevice, seenCspViolations } from '../support/browser';

const POLICY = "default-src 'self'; script-src 'self'";
const FILES: Record<string, [type: string, body: string]> = {
  '/within.html': ['text/html', '<!doctype html><title>Within</title><script src="/title.js"></script>'],
  '/title.js': ['text/javascript', 'document.title = "Ran";'],
  '/breaks.html': [
    'text/html',
    '<!doctype html><title>Breaks</title><script>document.title = "Ran"</script><script src="/eval.js"></script>',
  ],
  '/eval.js': ['text/javascript', 'try { eval("1"); } catch {} document.documentElement.dataset.done = "yes";'],
};

let server: Server;
let baseURL: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((request, response) => {
    const file = FILES[request.url ?? ''];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[0], 'content-security-policy': POLICY }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('a page within the policy reports nothing', async () => {
  const { context, page } = await openDevice(browser, { baseURL });
  await page.goto('/within.html');
  await expect.poll(() => page.title()).toBe('Ran'); // its own script ran
  await context.close();
  expect(seenCspViolations()).toEqual([]);
});

test('an inline script and an eval are caught, and the check after each test fails on them', async () => {
  const { context, page } = await openDevice(browser, { baseURL });
  await page.goto('/breaks.html');
  await page.locator('html[data-done="yes"]').waitFor({ state: 'attached' });
  expect(await page.title()).toBe('Breaks'); // the inline script was refused
  const caught = () => {
    const seen = seenCspViolations().join('\n');
    return {
      inlineEvent: /^event: script-src-elem refused inline at .*breaks\.html/m.test(seen),
      evalEvent: /^event: script-src refused eval at .*eval\.js/m.test(seen),
      inlineConsole: /^console: .*inline script .*Content Security Policy/m.test(seen),
    };
  };
  await expect.poll(caught).toEqual({ inlineEvent: true, evalEvent: true, inlineConsole: true });
  await context.close();

  expect(() => expectNoCspViolations()).toThrow(/broke the Content-Security-Policy[\s\S]*script-src refused eval/);
  // The check forgets what it reported, so the one after this test finds nothing.
  expect(seenCspViolations()).toEqual([]);
});
