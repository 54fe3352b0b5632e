// Previews of images, made by one worker shared by every attachment (loaded on first use).
import type { ThumbnailReply, ThumbnailRequest } from './thumbnail-protocol';

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (reply: ThumbnailReply) => void>();

function thumbnailWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./thumbnail-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ThumbnailReply>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    };
  }
  return worker;
}

/** The image's pixels and a WebP preview; undefined when the browser cannot decode it. */
export function makeThumbnail(image: Blob): Promise<{ width: number; height: number; thumb: Blob } | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, ({ width, height, thumb }) =>
      resolve(width && height && thumb ? { width, height, thumb } : undefined),
    );
    const request: ThumbnailRequest = { id, blob: image };
    thumbnailWorker().postMessage(request);
  });
}
