// A message's attachments under its text: previews for images, first page, pages and size
// for PDFs (click opens either in the viewer), tiles for other files (click downloads the
// file, fetched from the server if needed).
import { useState } from 'react';
import type { Attachment } from '../../shared/docs/attachments';
import { AttachmentThumb, isImage, isViewable } from './AttachmentThumb';
import { AttachmentViewer } from './AttachmentViewer';
import { loadBlob } from './device-blobs';
import { fileDetails } from './file-checks';
import { saveBlob } from './save-blob';

export function MessageAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  const viewable = attachments.filter(isViewable);
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
              aria-label={isViewable(attachment) ? `Open ${attachment.name}` : `Download ${attachment.name}`}
              onClick={() => (isViewable(attachment) ? setOpen(viewable.indexOf(attachment)) : download(attachment))}
            >
              <AttachmentThumb attachment={attachment} />
              {!isImage(attachment) && (
                <span className="attachment-text">
                  <span className="attachment-name">{attachment.name}</span>
                  <span className="attachment-size">{fileDetails(attachment)}</span>
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
        <AttachmentViewer files={viewable} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
