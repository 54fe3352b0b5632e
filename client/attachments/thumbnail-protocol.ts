// The messages between the page and the thumbnail worker.

/** The longer side of a preview, in pixels. */
export const THUMB_SIZE = 512;

export interface ThumbnailRequest {
  id: number;
  blob: Blob;
}

/** The image's size and its preview; only the id when the image could not be decoded. */
export interface ThumbnailReply {
  id: number;
  width?: number;
  height?: number;
  thumb?: Blob;
}
