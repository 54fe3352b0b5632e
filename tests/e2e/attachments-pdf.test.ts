// PDF attachments in Chromium: a PDF attached offline (pdf.js comes from the service
// worker's precache) shows its page count and first page on its chip; sent, the model's
// request carries the text of every page; the message's tile opens the viewer with the
// first page. A damaged PDF attaches with a "cannot preview" tile, says the model gets no
// text, and is still sent. Any CSP violation (an eval, a font or worker from elsewhere)
// fails the file (tests/support/csp-check.ts).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Stack, startStack } from '../fake-ai/chat-helpers';
import { promptText } from '../fake-ai/replies';
import { launchBrowser, screenshot } from '../support/browser';
import { makeDamagedPdf, makePdf } from '../support/pdf';
import { ConversationPage } from './pages/ConversationPage';
import { signUpOnNewDevice } from './pages/devices';
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

const REPORT = [
  'Hearth quarterly report\nPrepared for the tests',
  'Lanterns sold: 4217\nKettles returned: 12',
  'The end of the report',
];

test('a PDF attached offline shows its pages and first page; its text reaches the model', async () => {
  const { context, page } = await signUpOnNewDevice(browser, { baseURL: stack.hearth.url, name: 'Pdf Reader' });
  // Once the service worker controls the page, pdf.js (its precached chunk) loads offline.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await new Sidebar(page).createChat();
  const chat = new ConversationPage(page);
  await chat.ready();

  await context.setOffline(true);
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makePdf(REPORT)) });
  const chip = page.getByTestId('attachment-chip').filter({ hasText: 'report.pdf' });
  await chip.getByText(/^3 pages · \d+(\.\d)? KB$/).waitFor();
  // The first page, drawn at 512 px on its longer side (US Letter: 396 × 512).
  const preview = chip.locator('img');
  await preview.waitFor();
  expect(
    await preview.evaluate((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]),
  ).toEqual([396, 512]);
  await screenshot(page, 'attachments-pdf-chip-1280');
  await chat.sendMessage('Summarise the report');
  await chat.withText('Summarise the report').getByTestId('attachment-tile').waitFor();
  await context.setOffline(false);

  // The reply's request carries the text the device extracted, every page of it.
  await expect.poll(() => stack.fake.streams('Summarise the report').length, { timeout: 30_000 }).toBe(1);
  const prompt = promptText(stack.fake.streams('Summarise the report')[0]!.body);
  expect(prompt).toContain('PDF: report.pdf (3 pages), its text:');
  expect(prompt).toContain(
    'Hearth quarterly report\nPrepared for the tests\n\nLanterns sold: 4217\nKettles returned: 12\n\nThe end of the report',
  );

  // The message's tile: first page, pages and size; it opens the viewer.
  const tile = chat.withText('Summarise the report').getByRole('button', { name: 'Open report.pdf' });
  await tile.getByText(/^3 pages · /).waitFor();
  await tile.click();
  await page.getByTestId('viewer-pdf-page').waitFor();
  expect(await page.getByTestId('viewer-pdf-details').textContent()).toMatch(/^3 pages · \d+(\.\d)? KB$/);
  await expect.poll(() => page.getByRole('button', { name: 'Download' }).isEnabled()).toBe(true);
  await screenshot(page, 'attachments-pdf-viewer-1280');
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('viewer-pdf-page').count()).toBe(0);

  // A PDF that starts right but is damaged: a plain tile, no text for the model, still sent.
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from(makeDamagedPdf()) });
  const broken = page.getByTestId('attachment-chip').filter({ hasText: 'broken.pdf' });
  await broken.getByText('Cannot preview').waitFor();
  await broken.getByText(/no text for the model$/).waitFor();
  await chat.sendMessage('Here is the broken one');
  const brokenTile = chat.withText('Here is the broken one').getByRole('button', { name: 'Open broken.pdf' });
  await brokenTile.getByText('Cannot preview').waitFor();
  await expect.poll(() => stack.fake.streams('Here is the broken one').length, { timeout: 30_000 }).toBe(1);
  expect(promptText(stack.fake.streams('Here is the broken one')[0]!.body)).toContain(
    '[PDF broken.pdf: its text is not available]',
  );
  await brokenTile.click();
  await page.getByText('Cannot preview this PDF. Download it to read it.').waitFor();
});
