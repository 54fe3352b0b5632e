// Attaching: each file is checked (file-checks), named by its hash, given a preview (made in
// a worker, stored as its own blob) and its size when it is an image, a preview, page count
// and text (its own blob, which the model reads) when it is a PDF, stored on the device and
// queued for upload, then added to the draft as a chip.
// Nothing is stored for a file that fails a check; the others still attach.
import type * as Y from 'yjs';
import type { Attachment } from '../../shared/docs/attachments';
import { addDraftAttachment } from '../../shared/docs/draft-attachments';
import { currentLimits, storeAndUpload } from './device-blobs';
import { fileProblem, fileType } from './file-checks';
import { sha256Hex } from './hash';
import { readPdf } from './pdf-preview';
import { makeThumbnail } from './thumbnail';

/** Attaches `files` to the draft of `doc`; resolves to the problems, one sentence per refused file. */
export async function attachFiles(doc: Y.Doc, files: readonly File[]): Promise<string[]> {
  const problems: string[] = [];
  const limits = await currentLimits();
  for (const file of files) {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const problem = fileProblem(file, head, limits);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const type = fileType(file);
    const blob = file.type === type ? file : new Blob([file], { type });
    const sha256 = await sha256Hex(blob);
    const attachment: Attachment = { sha256, name: file.name || 'file', type, size: file.size };
    try {
      await storeAndUpload(sha256, blob);
      if (type.startsWith('image/')) {
        // The size and a small preview, as their own blob; none for an image that will not decode.
        const preview = await makeThumbnail(blob);
        if (preview) {
          const thumbSha256 = await storeBlob(preview.thumb);
          Object.assign(attachment, { width: preview.width, height: preview.height, thumbSha256 });
        }
      } else if (type === 'application/pdf') {
        // None of these for a PDF pdf.js cannot open: it is sent as a file the model cannot read.
        const pdf = await readPdf(blob);
        if (pdf) {
          attachment.pages = pdf.pages;
          if (pdf.thumb) attachment.thumbSha256 = await storeBlob(pdf.thumb);
          if (pdf.text) attachment.textSha256 = await storeBlob(new Blob([pdf.text], { type: 'text/plain' }));
        }
      }
    } catch (error) {
      problems.push(`“${attachment.name}” could not be stored on this device: ${(error as Error).message}`);
      continue;
    }
    if (!addDraftAttachment(doc, attachment))
      problems.push(`“${attachment.name}” is attached already, or the message has as many files as it can carry.`);
  }
  return problems;
}

/** Stores a blob made from a file (a preview, a PDF's text) as the file is; resolves to its name. */
async function storeBlob(blob: Blob): Promise<string> {
  const sha256 = await sha256Hex(blob);
  await storeAndUpload(sha256, blob);
  return sha256;
}

/** The files a paste or drop carries (a screenshot on the clipboard is one). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files);
}
