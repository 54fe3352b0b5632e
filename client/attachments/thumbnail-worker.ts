// Off the main thread: decodes an image and draws a small WebP preview of it (at most
// THUMB_SIZE px on its longer side), so attaching a 12-megapixel photo never stalls the page.
import { THUMB_SIZE, type ThumbnailReply, type ThumbnailRequest } from './thumbnail-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ThumbnailRequest>) => {
  const { id, blob } = event.data;
  let reply: ThumbnailReply;
  try {
    const bitmap = await createImageBitmap(blob);
    const { width, height } = bitmap;
    const scale = Math.min(1, THUMB_SIZE / Math.max(width, height));
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const thumb = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
    reply = { id, width, height, thumb };
  } catch {
    // Not decodable: the attachment shows a "cannot preview" tile.
    reply = { id };
  }
  scope.postMessage(reply);
};
