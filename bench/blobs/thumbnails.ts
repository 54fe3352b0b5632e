// Previews made when attaching, in Chromium, through the app's own built workers (the
// thumbnail worker and the PDF worker from dist/client, loaded from Hearth's origin, so
// under its CSP): a 12-megapixel JPEG (4000 × 3000, a gradient with noise, encoded in the
// page) to a 512 px WebP (aim: under 150 ms, off the main thread), and a three-page PDF
// read whole (page count, first page drawn at 512 px, text). Each is timed from the
// message to the worker until its answer arrives, after one warm-up (which loads the
// worker, and for PDFs pdf.js); the first, cold, time is reported too.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../../tests/support/browser';
import { startHearth } from '../../tests/support/hearth';
import { makePdf } from '../../tests/support/pdf';

export interface ThumbnailTimes {
  /** Milliseconds per JPEG preview, warm. */
  jpegMs: number[];
  jpegColdMs: number;
  jpegBytes: number;
  /** Milliseconds per PDF read, warm. */
  pdfMs: number[];
  pdfColdMs: number;
}

/** The built chunk whose name starts with `prefix` (vite adds a hash). */
function builtWorker(prefix: string): string {
  const dir = path.resolve(import.meta.dirname, '../../dist/client/assets');
  const file = readdirSync(dir).find((name) => name.startsWith(prefix) && name.endsWith('.js'));
  if (!file) throw new Error(`no ${prefix}*.js in ${dir}: run \`npx vite build\` first`);
  return `/assets/${file}`;
}

/** In the page: RUNS + 1 answers of the worker at `url` to `blob`, in ms (the first is cold). */
function timeWorker({ url, runs }: { url: string; runs: number }): Promise<number[]> {
  const blob = (window as unknown as { __benchBlob: Blob }).__benchBlob;
  const worker = new Worker(url, { type: 'module' });
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    let started = 0;
    const send = () => {
      started = performance.now();
      worker.postMessage({ id: times.length, blob });
    };
    worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
    worker.onmessage = (event: MessageEvent<{ id?: number; thumb?: Blob }>) => {
      // pdf.js's worker half announces itself: not an answer.
      if (event.data.id !== times.length) return;
      times.push(performance.now() - started);
      if (!event.data.thumb) return reject(new Error(`${url} made no preview of a ${blob.type} of ${blob.size} bytes`));
      if (times.length > runs) {
        worker.terminate();
        resolve(times);
      } else send();
    };
    send();
  });
}

export async function thumbnailTimes(runs: number): Promise<ThumbnailTimes> {
  const [hearth, browser] = await Promise.all([startHearth(), launchBrowser()]);
  try {
    const context = await browser.newContext({ baseURL: hearth.url });
    // tsx keeps function names with a __name helper that functions sent to the page lack.
    await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
    const page = await context.newPage();
    await page.goto('/signin');
    const jpegBytes = await page.evaluate(async () => {
      const [width, height] = [4000, 3000];
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#c24a22');
      gradient.addColorStop(1, '#1e7a46');
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      // Noise, so the JPEG is as hard to decode as a photo rather than a flat picture.
      const pixels = context.getImageData(0, 0, width, height);
      for (let i = 0; i < pixels.data.length; i += 4) {
        const n = (Math.random() - 0.5) * 60;
        pixels.data[i]! += n;
        pixels.data[i + 1]! += n;
        pixels.data[i + 2]! += n;
      }
      context.putImageData(pixels, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      (window as unknown as { __benchBlob: Blob }).__benchBlob = blob;
      return blob.size;
    });
    const [jpegColdMs, ...jpegMs] = await page.evaluate(timeWorker, { url: builtWorker('thumbnail-worker-'), runs });
    const pdf = makePdf(['Quarterly report\nPrepared for the benchmark', 'Lanterns sold: 4217', 'The end']);
    await page.evaluate((bytes) => {
      (window as unknown as { __benchBlob: Blob }).__benchBlob = new Blob([new Uint8Array(bytes)], {
        type: 'application/pdf',
      });
    }, Array.from(pdf));
    const [pdfColdMs, ...pdfMs] = await page.evaluate(timeWorker, { url: builtWorker('pdf-worker-'), runs });
    return { jpegMs, jpegColdMs: jpegColdMs!, jpegBytes, pdfMs, pdfColdMs: pdfColdMs! };
  } finally {
    await browser.close();
    await hearth.stop();
  }
}
