// A PDF's text as the model reads it: each page's text runs, a line break where pdf.js saw
// one, pages apart by a blank line. Kept apart from the worker so Node tests can run it
// with pdf.js's legacy build.
import type { PDFDocumentProxy } from 'pdfjs-dist';

/**
 * Characters read at most: past the 200 KiB of a file's text the model is given
 * (server/ai/attachment-parts.ts TEXT_CAP_BYTES), reading a thousand-page PDF on would only
 * cost the device time and space.
 */
export const PDF_TEXT_CAP = 256 * 1024;

/** The text of the pages of `pdf` (until PDF_TEXT_CAP), trimmed; empty when it has none (a scan). */
export async function pdfText(pdf: PDFDocumentProxy): Promise<string> {
  const pages: string[] = [];
  let length = 0;
  for (let number = 1; number <= pdf.numPages && length < PDF_TEXT_CAP; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      // Marked-content items carry no text.
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    }
    page.cleanup();
    pages.push(text.trim());
    length += text.length;
  }
  return pages.filter(Boolean).join('\n\n');
}
