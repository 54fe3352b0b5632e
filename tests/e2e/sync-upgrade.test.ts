// Journey: the server runs a later Hearth than the app in the tab (another sync protocol
// version, so it closes the app's sync socket with 4426): the sync status says why and
// offers Reload, and Reload reloads the page ([S15]).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { launchBrowser } from '../support/browser';
import { listeningHearth } from '../support/in-process-hearth';
import { ChatPage } from './pages/ChatPage';
import { signUpOnNewDevice } from './pages/devices';

let hearth: Awaited<ReturnType<typeof listeningHearth>>;
let browser: Browser;

beforeAll(async () => {
  [hearth, browser] = await Promise.all([
    listeningHearth({ syncProtocolVersion: SYNC_PROTOCOL_VERSION + 1 }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await hearth?.stop();
});

test('[S15] a server on another protocol version: the sync status says the server was updated, and Reload reloads', async () => {
  const { context, page } = await signUpOnNewDevice(browser, { baseURL: hearth.url });
  const status = new ChatPage(page).syncStatus;
  const reload = status.getByRole('button', { name: 'Reload' });
  await reload.waitFor();
  expect(await status.getAttribute('data-kind')).toBe('error');
  await status.getByText('Hearth was updated on the server').waitFor();
  expect(await status.getAttribute('title')).toBe(
    'Changes are saved on this device; reload to get the new version and keep syncing.',
  );

  // A mark on this document, which a reload drops.
  await page.evaluate(() => Object.assign(window, { beforeReload: true }));
  const loaded = page.waitForEvent('load');
  await reload.click();
  await loaded;
  expect(await page.evaluate(() => 'beforeReload' in window)).toBe(false);
  // The reloaded app asks again and, this server staying newer, is offered a reload again.
  await reload.waitFor();
  await context.close();
});
