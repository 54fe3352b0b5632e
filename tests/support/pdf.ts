// Small, valid PDFs written by hand for tests: one page per string, each showing its text in
// Helvetica (a standard font, so nothing is embedded), with a correct cross-reference table,
// so any reader, pdf.js included, opens them without repairing anything.

/** A PDF of `pages.length` pages (US Letter), page i showing the lines of `pages[i]`. */
export function makePdf(pages: readonly string[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageIds = pages.map((_, i) => 4 + i * 2);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  pages.forEach((text, i) => {
    const lines = text.split('\n').map((line, n) => `${n === 0 ? '' : '0 -28 Td '}(${pdfString(line)}) Tj`);
    const stream = `BT /F1 24 Tf 72 700 Td ${lines.join(' ')} ET`;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`,
    );
    add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // ASCII only (pdfString() keeps it so), so string length is byte length.
  return new TextEncoder().encode(pdf);
}

/** A "PDF" that starts right (so it passes the type check) but has nothing readable after. */
export function makeDamagedPdf(): Uint8Array {
  return new TextEncoder().encode('%PDF-1.7\n% nothing of a document follows, only this line\n');
}

/** Text for a PDF string literal: ASCII, with its three special characters escaped. */
function pdfString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`makePdf writes ASCII text only: ${JSON.stringify(text)}`);
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}
