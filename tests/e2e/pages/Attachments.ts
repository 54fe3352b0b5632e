// Page object for attachments in whichever composer shows (a chat's or the home screen's):
// attaching by the paperclip's file input, paste or drop; the chips; the vision warning;
// and the image viewer. Also draws real PNGs in the page, for files to attach.
import type { Locator, Page } from 'playwright-core';

export interface TestFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A real PNG, drawn by the page's own canvas: a gradient, so its bytes are not trivial. */
export async function drawPng(page: Page, width: number, height: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w!, h!);
      const context = canvas.getContext('2d')!;
      const gradient = context.createLinearGradient(0, 0, w!, h!);
      gradient.addColorStop(0, '#c24a22');
      gradient.addColorStop(1, '#1e7a46');
      context.fillStyle = gradient;
      context.fillRect(0, 0, w!, h!);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    [width, height],
  );
  return Buffer.from(bytes);
}

const asTransfer = (files: TestFile[]) =>
  files.map((file) => ({ name: file.name, type: file.mimeType, bytes: Array.from(file.buffer) }));

export class Attachments {
  readonly chips: Locator;
  readonly visionWarning: Locator;
  readonly viewer: Locator;
  readonly viewerImage: Locator;

  constructor(readonly page: Page) {
    this.chips = page.getByTestId('attachment-chip');
    this.visionWarning = page.getByTestId('vision-warning');
    this.viewer = page.getByRole('dialog');
    this.viewerImage = page.getByTestId('viewer-image');
  }

  /** Through the paperclip's file input. */
  async choose(...files: TestFile[]): Promise<void> {
    await this.page.getByTestId('attach-input').setInputFiles(files);
  }

  /** Pasted into the message box, as a screenshot on the clipboard is. */
  async paste(...files: TestFile[]): Promise<void> {
    await this.page.locator('#draft').evaluate((field, list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, asTransfer(files));
  }

  /** Dropped onto `target`, as from the file manager. */
  async drop(target: Locator, ...files: TestFile[]): Promise<void> {
    await target.evaluate((element, list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
      element.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, asTransfer(files));
  }

  /** The chip of `name`, once its preview shows. */
  async chipReady(name: string): Promise<Locator> {
    const chip = this.chips.filter({ hasText: name });
    await chip.locator('img').waitFor();
    return chip;
  }

  viewerButton(name: string | RegExp): Locator {
    return this.viewer.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** The viewer image's zoom, as the page set it. */
  async zoom(): Promise<number> {
    return Number(await this.viewerImage.getAttribute('data-zoom'));
  }
}
