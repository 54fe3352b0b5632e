// A PDF's text as the model reads it: each page's text runs, a line break where pdf.js saw
// one, pages apart by a blank line. Kept apart from the worker so Node tests can run it
// with pdf.js's legacy build.
import type { PDFDocumentProxy } from 'pdfjs-dist';

/** The text of every page of `pdf`, trimmed; empty when it has none (a scan). */
export async function pdfText(pdf: PDFDocumentProxy): Promise<string> {
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      // Marked-content items carry no text.
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    }
    page.cleanup();
    pages.push(text.trim());
  }
  return pages.filter(Boolean).join('\n\n');
}
