// PDFs read when attached: page count, first-page preview and text, by one worker that
// holds pdf.js (its own chunk, loaded when the first PDF is attached, never on the main
// thread). A PDF pdf.js chokes on for READ_TIMEOUT_MS is given up on: the worker is ended
// (a fresh one serves the next PDF) and the file attaches without a preview.
import type { PdfReply, PdfRequest } from './pdf-protocol';

export const READ_TIMEOUT_MS = 60_000;

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (reply: PdfReply) => void>();

function pdfWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./pdf-worker.ts', import.meta.url), { type: 'module' });
    // Messages that are not replies (pdf.js's "ready") match no waiting id.
    worker.onmessage = (event: MessageEvent<PdfReply>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
    // Its script failed to load (offline before it was ever cached): nothing more will come.
    worker.onerror = restart;
  }
  return worker;
}

/** Ends the worker, answering everything it still had with nothing. */
function restart(): void {
  worker?.terminate();
  worker = undefined;
  for (const [id, resolve] of waiting) resolve({ id });
  waiting.clear();
}

export interface PdfPreview {
  pages: number;
  thumb?: Blob;
  text?: string;
}

/** What could be read of `pdf`; undefined when pdf.js cannot open it (damaged, locked). */
export function readPdf(pdf: Blob): Promise<PdfPreview | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(restart, READ_TIMEOUT_MS);
    waiting.set(id, ({ pages, thumb, text }) => {
      clearTimeout(timer);
      resolve(pages ? { pages, thumb, text } : undefined);
    });
    const request: PdfRequest = { id, blob: pdf };
    pdfWorker().postMessage(request);
  });
}
