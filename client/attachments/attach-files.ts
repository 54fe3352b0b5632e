// Attaching: each file is checked (file-checks), named by its hash, measured when it is an
// image, stored on the device and queued for upload, then added to the draft as a chip.
// Nothing is stored for a file that fails a check; the others still attach.
import type * as Y from 'yjs';
import type { Attachment } from '../../shared/docs/attachments';
import { addDraftAttachment } from '../../shared/docs/draft-attachments';
import { currentLimits, storeAndUpload } from './device-blobs';
import { fileProblem, fileType } from './file-checks';
import { sha256Hex } from './hash';

/** Pixels of an image, or undefined when the browser cannot decode it (a "cannot preview" tile). */
async function imageSize(file: Blob): Promise<{ width: number; height: number } | undefined> {
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return undefined;
  }
}

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
    if (type.startsWith('image/')) Object.assign(attachment, await imageSize(blob));
    try {
      await storeAndUpload(sha256, blob);
    } catch (error) {
      problems.push(`“${attachment.name}” could not be stored on this device: ${(error as Error).message}`);
      continue;
    }
    if (!addDraftAttachment(doc, attachment))
      problems.push(`“${attachment.name}” is attached already, or the message has as many files as it can carry.`);
  }
  return problems;
}

/** The files a paste or drop carries (a screenshot on the clipboard is one). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files);
}
