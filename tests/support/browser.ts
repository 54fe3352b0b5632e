// Launches Debian's Chromium through playwright-core for end-to-end tests, and opens
// "devices" (browser contexts) at a chosen width; each context is one device. Every context
// reports Content-Security-Policy violations, which fail the test (tests/support/csp-check.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type LaunchOptions,
  type Page,
} from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results');

const LAUNCH: LaunchOptions = {
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch(LAUNCH);
  // Every context, however a test opens it, reports CSP violations (browser.newPage opens
  // its context through newContext too).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchCsp(await newContext(options));
  return browser;
}

/** Violations met by any page since the last check, oldest first. */
const cspViolations: string[] = [];

const CSP_BINDING = '__hearthCspViolation';
// Runs in every frame before the page's own scripts. The event reaches the page for every
// refusal (an eval too, which Chromium does not log to the console).
const CSP_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  const where = (e.sourceFile || location.href) + ':' + e.lineNumber;
  const mode = e.disposition === 'report' ? ' (report only)' : '';
  window.${CSP_BINDING}(e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + mode + ' at ' + where);
}, true);`;

async function watchCsp(context: BrowserContext): Promise<BrowserContext> {
  await context.exposeBinding(CSP_BINDING, (_source, report: string) => {
    cspViolations.push(`event: ${report}`);
  });
  await context.addInitScript({ content: CSP_LISTENER });
  // Chromium also logs most refusals to the console: a second route, should the listener
  // miss one (so one refusal is often listed twice).
  context.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(`console: ${message.text()}`);
  });
  return context;
}

/** The CSP violations met since the last check, without forgetting them. */
export function seenCspViolations(): string[] {
  return [...cspViolations];
}

/** Throws, listing them, if any page met a CSP violation since the last check; then forgets them. */
export function expectNoCspViolations(): void {
  const seen = cspViolations.splice(0);
  if (seen.length === 0) return;
  throw new Error(
    `A page broke the Content-Security-Policy (fix the page, or the policy if it is wrong):\n  ${seen.join('\n  ')}`,
  );
}

export interface DeviceOptions {
  baseURL: string;
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
}

/** A fresh device: its own cookies, IndexedDB and service worker. */
export async function openDevice(
  browser: Browser,
  options: DeviceOptions,
): Promise<{ context: BrowserContext; page: Page }> {
  const width = options.width ?? 1280;
  const context = await browser.newContext({
    baseURL: options.baseURL,
    viewport: { width, height: options.height ?? (width < 600 ? 844 : 800) },
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: 'allow',
  });
  const page = await context.newPage();
  // Surface the page's own errors in the test output: they explain most failures.
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return { context, page };
}

/**
 * A device with a real on-disk profile. Contexts from launchBrowser() are incognito, where
 * Chromium refuses to install apps, so installability checks need this one. Pass the
 * `profile` of an earlier device (closed with `keepProfile`) to relaunch that same device:
 * its cookies, IndexedDB, caches and service worker are still there.
 */
export async function openProfileDevice(options: DeviceOptions & { profile?: string }): Promise<{
  context: BrowserContext;
  page: Page;
  profile: string;
  close: (options?: { keepProfile?: boolean }) => Promise<void>;
}> {
  const profile = options.profile ?? mkdtempSync(path.join(tmpdir(), 'hearth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...LAUNCH,
    baseURL: options.baseURL,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: 'allow',
  });
  await watchCsp(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return {
    context,
    page,
    profile,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Chromium's reasons for not offering to install the page as an app: none when it is installable. */
export async function installabilityErrors(context: BrowserContext, page: Page): Promise<unknown[]> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  await cdp.detach();
  return installabilityErrors;
}

/**
 * Waits until Hearth's service worker controls the page, so the page can load offline. The
 * worker does not claim the page that registered it, so this reloads once if needed; wait
 * for the page's content again afterwards.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A unique, valid account for one test. */
export function newAccount(name = 'Ada Lovelace'): { name: string; email: string; password: string } {
  const id = Math.random().toString(36).slice(2, 10);
  return { name, email: `ada-${id}@example.com`, password: 'correct horse battery staple' };
}

/**
 * Chromium 150 keeps a page loaded while offline from the network, but its navigator.onLine
 * says true (the context's offline emulation is not applied to the new document's flag):
 * emulating offline again on the page makes it see what an offline device sees (onLine
 * false, the offline event). Call after each load while offline.
 */
export async function stayOffline(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await emulateOffline(cdp, true);
  offlineSessions.set(page, [...(offlineSessions.get(page) ?? []), cdp]);
  await page.waitForFunction(() => !navigator.onLine);
}

/** The network back, for the context and for every `stayOffline` of `page`. */
export async function backOnline(page: Page): Promise<void> {
  await page.context().setOffline(false);
  for (const cdp of offlineSessions.get(page) ?? []) await emulateOffline(cdp, false);
  offlineSessions.delete(page);
}

const offlineSessions = new WeakMap<Page, CDPSession[]>();

const emulateOffline = (cdp: CDPSession, offline: boolean) =>
  cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
