// The messages between the page and the PDF worker.

export interface PdfRequest {
  id: number;
  blob: Blob;
}

/**
 * What the worker read of a PDF: its page count, a WebP of its first page (at most
 * THUMB_SIZE px on its longer side) and its text, page after page. Only the id when pdf.js
 * could not open it (damaged, or locked by a password); no thumb when the first page
 * would not draw, no text when it has none (a scan).
 */
export interface PdfReply {
  id: number;
  pages?: number;
  thumb?: Blob;
  text?: string;
}
