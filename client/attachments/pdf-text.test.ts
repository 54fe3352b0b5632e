// The text the model reads of a PDF, extracted by the same code the PDF worker runs, here
// with pdf.js's legacy build (the one meant for Node) on PDFs written by hand.
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect, test } from 'vitest';
import { makeDamagedPdf, makePdf } from '../../tests/support/pdf';
import { pdfText } from './pdf-text';

/** Opens `data` as the worker does: no eval; quiet about the fonts Node cannot draw. */
const open = (data: Uint8Array) =>
  getDocument({ data, isEvalSupported: false, disableFontFace: true, verbosity: VerbosityLevel.ERRORS }).promise;

test("a PDF's text is its pages in order, its lines kept, pages apart by a blank line", async () => {
  const pdf = await open(makePdf(['Quarterly report\nPrepared (for tests)', 'Lanterns sold: 4217', 'The end']));
  expect(pdf.numPages).toBe(3);
  expect(await pdfText(pdf)).toBe('Quarterly report\nPrepared (for tests)\n\nLanterns sold: 4217\n\nThe end');
  await pdf.destroy();
});

test('pages without text add nothing; a PDF with none has no text (a scan)', async () => {
  const sparse = await open(makePdf(['First', '', 'Third']));
  expect(await pdfText(sparse)).toBe('First\n\nThird');
  await sparse.destroy();
  const blank = await open(makePdf(['', '']));
  expect(blank.numPages).toBe(2);
  expect(await pdfText(blank)).toBe('');
  await blank.destroy();
});

test('a damaged PDF does not open: the worker attaches it as a plain file', async () => {
  await expect(open(makeDamagedPdf())).rejects.toThrow(/Invalid PDF structure/);
});
