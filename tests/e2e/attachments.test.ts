// Attachments in Chromium, two devices of one account: an image attached and sent offline
// on one is stored there at once, uploads when the network returns, and the other device
// shows its preview and opens the full image, byte for byte; a pasted screenshot becomes a
// chip; a file whose bytes are not its type is refused with a message and nothing stored;
// a damaged image attaches with a "cannot preview" tile.
import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../fake-ai/chat-helpers';
import { launchBrowser, screenshot } from '../support/browser';
import { drawPng } from './pages/Attachments';
import { ConversationPage } from './pages/ConversationPage';
import { signInOnNewDevice, signUpOnNewDevice } from './pages/devices';
import { Sidebar } from './pages/Sidebar';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The bytes the device keeps for blob `name` (read from IndexedDB: the CSP forbids fetching blob: URLs). */
async function storedBytes(page: Page, name: string): Promise<Buffer | null> {
  const bytes = await page.evaluate(
    (sha) =>
      new Promise<number[] | null>((resolve, reject) => {
        const open = indexedDB.open('hearth');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('blobs').objectStore('blobs').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = async () => {
            const row = (all.result as { sha256: string; blob: Blob }[]).find((r) => r.sha256 === sha);
            open.result.close();
            resolve(row ? Array.from(new Uint8Array(await row.blob.arrayBuffer())) : null);
          };
        };
      }),
    name,
  );
  return bytes && Buffer.from(bytes);
}

test('an image attached offline on one device uploads on reconnect; the other previews and opens it', async () => {
  stack.fake.onPrompt('Here is the view', { reply: 'A fine gradient.' });
  const laptop = await signUpOnNewDevice(browser, { baseURL: stack.hearth.url, name: 'Two Screens' });
  const threadId = await new Sidebar(laptop.page).createChat();
  const a = new ConversationPage(laptop.page);
  await a.ready();
  const png = await drawPng(laptop.page, 900, 600);

  await laptop.context.setOffline(true);
  await laptop.page.getByTestId('attach-input').setInputFiles({ name: 'view.png', mimeType: 'image/png', buffer: png });
  const chip = laptop.page.getByTestId('attachment-chip');
  await chip.filter({ hasText: 'view.png' }).waitFor();
  await chip.locator('img').waitFor();
  await a.draft.fill('Here is the view');
  await screenshot(laptop.page, 'attachments-composer-chip-1280');
  await a.draft.press('Enter');
  await a.withText('Here is the view').getByTestId('attachment-tile').waitFor();
  await expect.poll(() => chip.count()).toBe(0);
  await laptop.context.setOffline(false);

  // The phone opens the chat: the message shows the preview, the viewer the full image.
  const phone = await signInOnNewDevice(browser, laptop.account, { baseURL: stack.hearth.url, width: 390 });
  await phone.page.goto(`/t/${threadId}`);
  const b = new ConversationPage(phone.page);
  await b.ready();
  const tile = b.withText('Here is the view').getByRole('button', { name: 'Open view.png' });
  await tile.locator('img').waitFor({ timeout: 30_000 });
  // The preview is the small WebP made on the laptop, not the full image.
  await expect.poll(() => tile.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(512);
  await screenshot(phone.page, 'attachments-message-image-390');
  await tile.click();
  const full = phone.page.getByTestId('viewer-image');
  await full.waitFor();
  await expect.poll(() => full.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(900);
  // The full file came from the server and is kept, byte for byte.
  const kept = await storedBytes(phone.page, sha256(png));
  expect(kept && sha256(kept)).toBe(sha256(png));
  await phone.page.keyboard.press('Escape');
  await expect.poll(() => phone.page.getByTestId('viewer-image').count()).toBe(0);
  await screenshot(laptop.page, 'attachments-message-image-1280');

  // A screenshot pasted into the composer becomes a chip.
  const shot = await drawPng(phone.page, 40, 30);
  await b.draft.evaluate((field, bytes) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, Array.from(shot));
  await phone.page.getByTestId('attachment-chip').filter({ hasText: 'image.png' }).waitFor();
  await screenshot(phone.page, 'attachments-composer-chip-390');

  // A "PNG" that is not one is refused, with a message, and no chip.
  await phone.page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') });
  await phone.page.getByRole('alert').filter({ hasText: '“fake.png” is not a PNG image' }).waitFor();
  expect(await phone.page.getByTestId('attachment-chip').count()).toBe(1);

  // A PNG that starts right but is damaged attaches, with a plain "cannot preview" tile.
  const damaged = Buffer.concat([shot.subarray(0, 16), Buffer.from('damaged beyond repair')]);
  await phone.page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'damaged.png', mimeType: 'image/png', buffer: damaged });
  await phone.page
    .getByTestId('attachment-chip')
    .filter({ hasText: 'damaged.png' })
    .getByText('Cannot preview')
    .waitFor();

  // Settings shows the space the files take on the server.
  await laptop.page.goto('/settings#usage');
  const space = laptop.page.getByTestId('file-space');
  await space.waitFor();
  expect(await space.textContent()).toMatch(
    /^Attached files use \d[\d.]* (KB|MB) of 1 GB \(at most 20 MB per file\)\.$/,
  );
});
