// A message's attachments under its text: previews for images (click opens the viewer),
// tiles for other files (click downloads the file, fetched from the server if needed).
import { useState } from 'react';
import type { Attachment } from '../../shared/docs/attachments';
import { AttachmentThumb, isImage } from './AttachmentThumb';
import { AttachmentViewer } from './AttachmentViewer';
import { loadBlob } from './device-blobs';
import { formatSize } from './file-checks';
import { saveBlob } from './save-blob';

export function MessageAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  const images = attachments.filter(isImage);
  const [open, setOpen] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const download = (attachment: Attachment) => {
    setProblem(null);
    loadBlob(attachment.sha256).then(
      (blob) => saveBlob(blob, attachment.name),
      () => setProblem(`“${attachment.name}” could not be fetched. Try again when you are online.`),
    );
  };

  return (
    <div className="message-attachments">
      <ul className="attachment-tiles">
        {attachments.map((attachment) => (
          <li key={attachment.sha256}>
            <button
              type="button"
              className="attachment-tile"
              data-testid="attachment-tile"
              aria-label={isImage(attachment) ? `Open ${attachment.name}` : `Download ${attachment.name}`}
              onClick={() => (isImage(attachment) ? setOpen(images.indexOf(attachment)) : download(attachment))}
            >
              <AttachmentThumb attachment={attachment} />
              {!isImage(attachment) && (
                <span className="attachment-text">
                  <span className="attachment-name">{attachment.name}</span>
                  <span className="attachment-size">{formatSize(attachment.size)}</span>
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="message-status message-error" role="alert">
          {problem}
        </p>
      )}
      {open !== null && (
        <AttachmentViewer images={images} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
