// The draft's attachments above the composer: preview or icon, name, size (and a PDF's
// pages), upload progress, and × to remove.
import type * as Y from 'yjs';
import type { Attachment } from '../../shared/docs/attachments';
import { readDraftAttachments, removeDraftAttachment } from '../../shared/docs/draft-attachments';
import { useDocValue } from '../sync/use-doc-value';
import { useOnline } from '../ui/use-online';
import { AttachmentThumb } from './AttachmentThumb';
import { fileDetails } from './file-checks';
import { useUploadProgress } from './use-attachments';

function UploadState({ sha256 }: { sha256: string }) {
  const progress = useUploadProgress(sha256);
  const online = useOnline();
  if (!online && !progress?.done) return <span className="attachment-upload">Uploads when you are online</span>;
  if (!progress) return null;
  if (progress.error) return <span className="attachment-upload attachment-error">{progress.error}</span>;
  if (progress.done) return <span className="attachment-upload">Uploaded</span>;
  const percent = progress.total ? Math.floor((progress.sent / progress.total) * 100) : 0;
  return <progress className="attachment-progress" max={100} value={percent} aria-label={`Uploading, ${percent}%`} />;
}

function Chip({ doc, attachment }: { doc: Y.Doc; attachment: Attachment }) {
  return (
    <li className="attachment-chip" data-testid="attachment-chip">
      <AttachmentThumb attachment={attachment} />
      <span className="attachment-text">
        <span className="attachment-name" title={attachment.name}>
          {attachment.name}
        </span>
        <span className="attachment-size">{fileDetails(attachment)}</span>
        <UploadState sha256={attachment.sha256} />
      </span>
      <button
        type="button"
        className="icon-button attachment-remove"
        aria-label={`Remove ${attachment.name}`}
        onClick={() => removeDraftAttachment(doc, attachment.sha256)}
      >
        ×
      </button>
    </li>
  );
}

export function AttachmentChips({ doc }: { doc: Y.Doc }) {
  const attachments = useDocValue(doc, readDraftAttachments) ?? [];
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label="Attached files">
      {attachments.map((attachment) => (
        <Chip key={attachment.sha256} doc={doc} attachment={attachment} />
      ))}
    </ul>
  );
}
