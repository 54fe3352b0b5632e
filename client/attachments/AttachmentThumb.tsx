// The small picture of an attachment: its preview blob (or, lacking one, the image itself)
// for images, the first page for PDFs, an icon for other files, a plain "cannot preview"
// tile when it will not load (or a PDF could not be read when attached).
import { useState } from 'react';
import type { Attachment } from '../../shared/docs/attachments';
import { FileIcon } from '../chat/icons';
import { useBlobUrl } from './use-attachments';

export const isImage = (attachment: Attachment) => attachment.type.startsWith('image/');
export const isPdf = (attachment: Attachment) => attachment.type === 'application/pdf';
/** What the viewer opens: images and PDFs (other files download). */
export const isViewable = (attachment: Attachment) => isImage(attachment) || isPdf(attachment);

/** The blob a preview shows: none for a file that has no picture. */
export function previewBlob(attachment: Attachment): string | undefined {
  if (isImage(attachment)) return attachment.thumbSha256 ?? attachment.sha256;
  return attachment.thumbSha256;
}

export function AttachmentThumb({ attachment }: { attachment: Attachment }) {
  const preview = previewBlob(attachment);
  const source = useBlobUrl(preview);
  const [broken, setBroken] = useState(false);
  if (!isViewable(attachment)) {
    return (
      <span className="attachment-thumb attachment-icon">
        <FileIcon />
      </span>
    );
  }
  if (preview && source.status === 'ready' && !broken) {
    return (
      <img
        className={isPdf(attachment) ? 'attachment-thumb attachment-page' : 'attachment-thumb'}
        src={source.url}
        alt=""
        width={attachment.width}
        height={attachment.height}
        onError={() => setBroken(true)}
      />
    );
  }
  const failed = !preview || broken || source.status === 'failed';
  return (
    <span className="attachment-thumb attachment-icon" data-state={failed ? 'failed' : source.status}>
      {failed ? 'Cannot preview' : ''}
    </span>
  );
}
