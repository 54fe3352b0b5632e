// pdf.js ships no types for its worker half; the PDF worker only hands the module to pdf.js.
declare module 'pdfjs-dist/build/pdf.worker.mjs';
