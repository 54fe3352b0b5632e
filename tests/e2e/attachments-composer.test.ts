// Attachments in the composer and in replies, in Chromium: images for a model that cannot
// see them are held back with a warning that offers the person's vision models or sending
// anyway; the home screen's composer takes files (drop, paste) and the new chat's first
// message carries them; the viewer zooms (keys, buttons, wheel), pans, pages, downloads and
// closes on Esc; a reply's images show from data: and the account's own files, and a
// remote one loads only when clicked.
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { marker, type Stack, startStack } from '../fake-ai/chat-helpers';
import { launchBrowser, screenshot } from '../support/browser';
import { Attachments, drawPng, type TestFile } from './pages/Attachments';
import { ConversationPage } from './pages/ConversationPage';
import { type SignedInDevice, signUpOnNewDevice } from './pages/devices';
import { HomePage } from './pages/HomePage';
import { Sidebar } from './pages/Sidebar';

let stack: Stack;
let browser: Browser;
let device: SignedInDevice;
let png: TestFile;
/** The chat started from the home screen with two images, which the viewer test opens. */
let twoImages = '';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  // The custom endpoint below is the fake provider, on 127.0.0.1.
  [stack, browser] = await Promise.all([
    startStack({ env: { HEARTH_ALLOW_PRIVATE_ENDPOINTS: 'on' } }),
    launchBrowser(),
  ]);
  device = await signUpOnNewDevice(browser, { baseURL: stack.hearth.url, name: 'Picture Person' });
  png = { name: 'view.png', mimeType: 'image/png', buffer: await drawPng(device.page, 600, 400) };
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('images for a model that cannot see them: a warning offers vision models or sending anyway', async () => {
  const { page } = device;
  // A custom model marked as not seeing images, beside the server's OpenAI models (which do).
  const status = await page.evaluate(async (baseURL) => {
    const put = await fetch('/api/keys/custom', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiKey: '', baseURL, models: [{ id: 'fake-small', label: 'Text Only', vision: false }] }),
    });
    return put.status;
  }, stack.fake.url);
  expect(status).toBe(200);
  await new Sidebar(page).createChat();
  const chat = new ConversationPage(page);
  const files = new Attachments(page);
  await chat.ready();
  await chat.model.selectOption('custom/fake-small');
  await files.choose(png);
  await files.chipReady('view.png');
  await files.visionWarning.getByText('Text Only cannot see images').waitFor();

  // Enter does not send: the warning takes the focus, on its first offer.
  const words = marker('blind');
  await chat.draft.fill(`What is in ${words}?`);
  await chat.draft.press('Enter');
  const offer = files.visionWarning.getByRole('button', { name: 'Use GPT-4.1 mini' });
  await expect.poll(() => offer.evaluate((button) => button === document.activeElement)).toBe(true);
  expect(await chat.messages.count()).toBe(0);
  await screenshot(page, 'vision-warning-1280');

  // Taking the offer (by keyboard) switches the model; the warning goes, the draft stays.
  await page.keyboard.press('Enter');
  await expect.poll(() => chat.model.inputValue()).toBe('openai/gpt-4.1-mini');
  await files.visionWarning.waitFor({ state: 'detached' });
  expect(await chat.draft.inputValue()).toBe(`What is in ${words}?`);

  // Back to the blind model, on a phone's width: the warning fits, and Send anyway sends.
  await page.setViewportSize({ width: 390, height: 844 });
  await chat.model.selectOption('custom/fake-small');
  await files.visionWarning.waitFor();
  const box = (await files.visionWarning.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await screenshot(page, 'vision-warning-390');
  await files.visionWarning.getByRole('button', { name: 'Send anyway' }).click();
  await chat.waitForStatus(chat.last, 'done');
  const [request] = stack.fake.chats(words);
  expect(request?.body.model).toBe('fake-small');
  expect(JSON.stringify(request?.body.messages)).toContain('[image view.png: this model cannot see images]');
  expect(await files.visionWarning.count()).toBe(0);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the home composer takes dropped and pasted files; the new chat’s first message carries them', async () => {
  const { page } = device;
  const home = new HomePage(page);
  const files = new Attachments(page);
  const second: TestFile = { name: 'second.png', mimeType: 'image/png', buffer: await drawPng(page, 300, 500) };
  await page.goto('/');
  await home.heading.waitFor();
  await home.draft.waitFor();

  // Two files dropped at once: the chat opens with both.
  await files.drop(page.locator('.home-composer'), png, second);
  await page.waitForURL((url) => /\/t\/[0-9a-f]{32}$/.test(url.pathname));
  twoImages = new URL(page.url()).pathname;
  const chat = new ConversationPage(page);
  await chat.ready();
  await files.chipReady('view.png');
  await files.chipReady('second.png');
  await chat.model.selectOption('openai/gpt-4.1-mini');
  const words = marker('from-home');
  await chat.sendMessage(`Two pictures ${words}`);
  const message = chat.withText(`Two pictures ${words}`);
  await expect.poll(() => message.getByTestId('attachment-tile').count()).toBe(2);
  await chat.waitForStatus(chat.last, 'done');
  // The model was sent both images.
  const sent = JSON.stringify(stack.fake.chats(words)[0]?.body.messages);
  expect(sent.match(/"type":"image_url"/g)?.length).toBe(2);

  // A pasted screenshot on the home screen starts a chat with it as well.
  await page.goto('/');
  await home.draft.waitFor();
  await files.paste({ ...png, name: 'pasted.png' });
  await page.waitForURL((url) => /\/t\/[0-9a-f]{32}$/.test(url.pathname));
  await files.chipReady('pasted.png');
});

test('the viewer zooms by keys, buttons and wheel, pans when zoomed, pages, downloads and closes on Esc', async () => {
  const { page } = device;
  const chat = new ConversationPage(page);
  const files = new Attachments(page);
  await page.goto(twoImages);
  await chat.ready();
  const message = chat.messages.filter({ has: page.getByTestId('attachment-tile') }).first();
  await message.getByRole('button', { name: 'Open view.png' }).click();
  await files.viewerImage.waitFor();
  expect(await files.zoom()).toBe(1);

  await page.keyboard.press('+');
  await expect.poll(() => files.zoom()).toBe(1.25);
  await files.viewerButton('Zoom in').click();
  await expect.poll(() => files.zoom()).toBe(1.5625);
  await page.keyboard.press('-');
  await expect.poll(() => files.zoom()).toBe(1.25);
  await page.keyboard.press('0');
  await expect.poll(() => files.zoom()).toBe(1);
  expect(await files.viewerButton('Zoom out').getAttribute('aria-disabled')).toBe('true');

  // The wheel zooms about the middle; a drag then moves the image.
  const frame = (await page.locator('.attachment-viewer-image').boundingBox())!;
  await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(() => files.zoom()).toBeGreaterThan(2);
  const before = await files.viewerImage.evaluate((img) => img.getBoundingClientRect().x);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width / 2 + 60, frame.y + frame.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect
    .poll(() => files.viewerImage.evaluate((img) => img.getBoundingClientRect().x))
    .toBeCloseTo(before + 60, 0);
  await screenshot(page, 'viewer-zoomed-1280');
  await files.viewerButton(/^Reset zoom/).click();
  await expect.poll(() => files.zoom()).toBe(1);

  // After a click on the image the keys still work; → shows the next image, whole.
  await files.viewerImage.click();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  await files.viewer.getByRole('heading', { name: 'second.png' }).waitFor();
  await expect.poll(() => files.viewerImage.evaluate((img) => (img as HTMLImageElement).naturalHeight)).toBe(500);
  expect(await files.zoom()).toBe(1);
  // Download saves it under its name.
  const [download] = await Promise.all([page.waitForEvent('download'), files.viewerButton('Download').click()]);
  expect(download.suggestedFilename()).toBe('second.png');

  await page.keyboard.press('Escape');
  await files.viewer.waitFor({ state: 'detached' });
});

test('images in a reply: data: and own files show at once, a remote one only after a click', async () => {
  const { page, context } = device;
  const remote: string[] = [];
  await context.route('https://images.example/**', (route) => {
    remote.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: png.buffer });
  });
  const dot = await drawPng(page, 8, 8);
  const words = marker('pictures');
  stack.fake.onPrompt(words, {
    reply: [
      'Here they are.',
      `![A dot](data:image/png;base64,${dot.toString('base64')})`,
      `![Your view](/api/blobs/${sha256(png.buffer)})`,
      '![A chart](https://images.example/chart.png)',
    ].join('\n\n'),
  });
  await new Sidebar(page).createChat();
  const chat = new ConversationPage(page);
  await chat.ready();
  await chat.model.selectOption('openai/gpt-4.1-mini');
  await chat.sendMessage(`Show me ${words}`);
  await chat.waitForStatus(chat.last, 'done');
  const reply = chat.last;
  const width = (name: string) =>
    reply.getByRole('img', { name }).evaluate((img) => (img as HTMLImageElement).naturalWidth);
  await expect.poll(() => width('A dot')).toBe(8);
  await expect.poll(() => width('Your view')).toBe(600);
  const load = reply.getByRole('button', { name: /Load image from images\.example/ });
  await load.waitFor();
  expect(await reply.getByRole('img', { name: 'A chart' }).count()).toBe(0);
  expect(remote).toEqual([]);
  await screenshot(page, 'reply-images-1280');

  await load.click();
  await expect.poll(() => width('A chart')).toBe(600);
  expect(remote).toEqual(['https://images.example/chart.png']);
});
