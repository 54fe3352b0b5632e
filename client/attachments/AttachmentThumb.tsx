// The small picture of an attachment: its preview blob (or, lacking one, the image itself)
// for images, an icon for other files, a plain "cannot preview" tile when it will not load.
import { useState } from 'react';
import type { Attachment } from '../../shared/docs/attachments';
import { FileIcon } from '../chat/icons';
import { useBlobUrl } from './use-attachments';

export const isImage = (attachment: Attachment) => attachment.type.startsWith('image/');

export function AttachmentThumb({ attachment }: { attachment: Attachment }) {
  const image = isImage(attachment);
  const source = useBlobUrl(image ? (attachment.thumbSha256 ?? attachment.sha256) : undefined);
  const [broken, setBroken] = useState(false);
  if (!image) {
    return (
      <span className="attachment-thumb attachment-icon">
        <FileIcon />
      </span>
    );
  }
  if (source.status === 'ready' && !broken) {
    return (
      <img
        className="attachment-thumb"
        src={source.url}
        alt=""
        width={attachment.width}
        height={attachment.height}
        onError={() => setBroken(true)}
      />
    );
  }
  return (
    <span className="attachment-thumb attachment-icon" data-state={source.status}>
      {broken || source.status === 'failed' ? 'Cannot preview' : ''}
    </span>
  );
}
