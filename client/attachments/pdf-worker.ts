// Off the main thread: opens a PDF with pdf.js and returns its page count, a WebP of its
// first page and its text (pdf-protocol). pdf.js runs entirely in this worker (its own
// "worker" half is imported here and runs on the same thread), so nothing but this file's
// chunk is fetched, from our own origin. Under the app's CSP: no eval (isEvalSupported off),
// no font or data URLs (fonts are drawn as paths), nothing fetched at all.
import { getDocument } from 'pdfjs-dist';
import * as pdfWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import type { PdfReply, PdfRequest } from './pdf-protocol';
import { pdfText } from './pdf-text';
import { THUMB_SIZE } from './thumbnail-protocol';

// pdf.js looks for its worker half here before trying to start a worker of its own. (On
// import, that half also listens on this worker's port and posts a "ready" to the page,
// which ignores it: it is no reply, it has no id. It ignores our requests likewise.)
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

const scope = self as unknown as DedicatedWorkerGlobalScope;

interface CanvasAndContext {
  canvas: OffscreenCanvas | null;
  context: OffscreenCanvasRenderingContext2D | null;
}

/** pdf.js's scratch canvases, as OffscreenCanvases: a worker has no document to make them in. */
class OffscreenCanvasFactory {
  create(width: number, height: number): CanvasAndContext {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  reset(target: CanvasAndContext, width: number, height: number): void {
    if (!target.canvas) throw new Error('Canvas is not specified');
    target.canvas.width = width;
    target.canvas.height = height;
  }
  destroy(target: CanvasAndContext): void {
    if (target.canvas) target.canvas.width = target.canvas.height = 0;
    target.canvas = null;
    target.context = null;
  }
}

/** No SVG filters (they need a document): the rare transfer-function effects are left out. */
class NoFilterFactory {
  addFilter = () => 'none';
  addHCMFilter = () => 'none';
  addAlphaFilter = () => 'none';
  addLuminosityFilter = () => 'none';
  addHighlightHCMFilter = () => 'none';
  destroy() {}
}

async function firstPage(pdf: Awaited<ReturnType<typeof getDocument>['promise']>): Promise<Blob> {
  const page = await pdf.getPage(1);
  const unscaled = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: THUMB_SIZE / Math.max(unscaled.width, unscaled.height) });
  const canvas = new OffscreenCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
    background: 'white',
  }).promise;
  page.cleanup();
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

async function read(blob: Blob): Promise<Omit<PdfReply, 'id'>> {
  const task = getDocument({
    data: new Uint8Array(await blob.arrayBuffer()),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    CanvasFactory: OffscreenCanvasFactory,
    FilterFactory: NoFilterFactory,
    // Never ask for a password: a locked PDF fails to open and is attached as a plain file.
    password: '',
  });
  try {
    const pdf = await task.promise;
    const reply: Omit<PdfReply, 'id'> = { pages: pdf.numPages };
    try {
      reply.thumb = await firstPage(pdf);
    } catch {
      // The first page would not draw: no preview, the page count and text still stand.
    }
    const text = await pdfText(pdf);
    if (text) reply.text = text;
    return reply;
  } finally {
    await task.destroy();
  }
}

scope.onmessage = async (event: MessageEvent<PdfRequest>) => {
  const { id, blob } = event.data;
  let reply: PdfReply;
  try {
    reply = { id, ...(await read(blob)) };
  } catch {
    // Damaged or locked: the attachment shows a "cannot preview" tile and the model no text.
    reply = { id };
  }
  scope.postMessage(reply);
};
