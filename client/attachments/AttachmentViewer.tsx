// The viewer of a message's images and PDFs: the full image (fetched from the server when
// this device lacks it), or a PDF's first page as previewed when attached with its page
// count; previous/next among them (buttons or ← →), download, Esc closes.
import type { KeyboardEvent } from 'react';
import type { Attachment } from '../../shared/docs/attachments';
import { Dialog } from '../ui/Dialog';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { isPdf } from './AttachmentThumb';
import { fileDetails } from './file-checks';
import { saveBlob } from './save-blob';
import { type BlobUrl, useBlobUrl } from './use-attachments';

interface Props {
  files: readonly Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

function ImageView({ image, full }: { image: Attachment; full: BlobUrl }) {
  return (
    <>
      {full.status === 'ready' && <img src={full.url} alt={image.name} data-testid="viewer-image" />}
      {full.status === 'loading' && <p className="message-status">Loading…</p>}
      {full.status === 'failed' && (
        <p className="message-status message-error">The image could not be loaded. Try again when you are online.</p>
      )}
    </>
  );
}

/** A PDF's first page (the preview made when it was attached; pdf.js is not loaded to view). */
function PdfView({ pdf }: { pdf: Attachment }) {
  const page = useBlobUrl(pdf.thumbSha256);
  return (
    <figure className="attachment-viewer-pdf">
      {!pdf.thumbSha256 && <p className="message-status">Cannot preview this PDF. Download it to read it.</p>}
      {pdf.thumbSha256 && page.status === 'ready' && (
        <img src={page.url} alt={`First page of ${pdf.name}`} data-testid="viewer-pdf-page" />
      )}
      {pdf.thumbSha256 && page.status === 'loading' && <p className="message-status">Loading…</p>}
      {pdf.thumbSha256 && page.status === 'failed' && (
        <p className="message-status message-error">The preview could not be loaded. Try again when you are online.</p>
      )}
      <figcaption data-testid="viewer-pdf-details">{fileDetails(pdf)}</figcaption>
    </figure>
  );
}

export function AttachmentViewer({ files, index, onIndex, onClose }: Props) {
  const file = files[index]!;
  // The whole file, for the download (and the image itself).
  const full = useBlobUrl(file.sha256);
  const step = (by: number) => onIndex((index + by + files.length) % files.length);
  const onKeyDown = (event: KeyboardEvent) => {
    if (matches(event, SHORTCUTS.previousImage)) step(-1);
    else if (matches(event, SHORTCUTS.nextImage)) step(1);
  };

  return (
    <Dialog open title={file.name} onClose={onClose}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys page through the files */}
      <div className="attachment-viewer" onKeyDown={onKeyDown}>
        <div className="attachment-viewer-image">
          {isPdf(file) ? <PdfView key={file.sha256} pdf={file} /> : <ImageView image={file} full={full} />}
        </div>
        <div className="dialog-actions">
          {files.length > 1 && (
            <>
              <button type="button" className="button button-small" onClick={() => step(-1)}>
                Previous
              </button>
              <span>
                {index + 1} / {files.length}
              </span>
              <button type="button" className="button button-small" onClick={() => step(1)}>
                Next
              </button>
            </>
          )}
          <button
            type="button"
            className="button button-small"
            disabled={full.status !== 'ready'}
            onClick={() => full.status === 'ready' && saveBlob(full.blob, file.name)}
          >
            Download
          </button>
          <button type="button" className="button button-small button-primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
