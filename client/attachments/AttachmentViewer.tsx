// The viewer of a message's images and PDFs: the full image (fetched from the server when
// this device lacks it) with zoom (buttons, + − 0, the wheel or a pinch; drag to look about),
// or a PDF's first page as previewed when attached with its page count; previous/next among
// them (buttons or ← →), download, Esc closes.
import { type KeyboardEvent, useEffect } from 'react';
import type { Attachment } from '../../shared/docs/attachments';
import { Dialog } from '../ui/Dialog';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { isPdf } from './AttachmentThumb';
import { fileDetails } from './file-checks';
import { saveBlob } from './save-blob';
import { type BlobUrl, useBlobUrl } from './use-attachments';
import { useZoom } from './use-zoom';
import { MAX_ZOOM } from './zoom';

interface Props {
  files: readonly Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

type Zoom = ReturnType<typeof useZoom>;

function ImageView({ image, full, zoom }: { image: Attachment; full: BlobUrl; zoom: Zoom }) {
  const { x, y, zoom: scale } = zoom.view;
  return (
    // Focusable by a click (not a tab stop), so the keys still reach the viewer after a drag.
    <div className={`attachment-viewer-image${scale > 1 ? ' zoomed' : ''}`} tabIndex={-1} {...zoom.frameProps}>
      {full.status === 'ready' && (
        <img
          src={full.url}
          alt={image.name}
          data-testid="viewer-image"
          data-zoom={scale}
          draggable={false}
          style={{ transform: `translate(${x}px, ${y}px) scale(${scale})` }}
        />
      )}
      {full.status === 'loading' && <p className="message-status">Loading…</p>}
      {full.status === 'failed' && (
        <p className="message-status message-error">The image could not be loaded. Try again when you are online.</p>
      )}
    </div>
  );
}

/** A PDF's first page (the preview made when it was attached; pdf.js is not loaded to view). */
function PdfView({ pdf }: { pdf: Attachment }) {
  const page = useBlobUrl(pdf.thumbSha256);
  return (
    <div className="attachment-viewer-image">
      <figure className="attachment-viewer-pdf">
        {!pdf.thumbSha256 && <p className="message-status">Cannot preview this PDF. Download it to read it.</p>}
        {pdf.thumbSha256 && page.status === 'ready' && (
          <img src={page.url} alt={`First page of ${pdf.name}`} data-testid="viewer-pdf-page" />
        )}
        {pdf.thumbSha256 && page.status === 'loading' && <p className="message-status">Loading…</p>}
        {pdf.thumbSha256 && page.status === 'failed' && (
          <p className="message-status message-error">
            The preview could not be loaded. Try again when you are online.
          </p>
        )}
        <figcaption data-testid="viewer-pdf-details">{fileDetails(pdf)}</figcaption>
      </figure>
    </div>
  );
}

/** aria-disabled, not disabled: a button disabled by its own click would drop the focus, and the keys with it. */
function ZoomButtons({ zoom }: { zoom: Zoom }) {
  const scale = zoom.view.zoom;
  return (
    <div className="attachment-viewer-zoom">
      <button
        type="button"
        className="button button-small"
        aria-label="Zoom out"
        aria-disabled={scale <= 1}
        onClick={zoom.zoomOut}
      >
        −
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label={`Reset zoom (now ${Math.round(scale * 100)}%)`}
        aria-disabled={scale === 1}
        onClick={zoom.reset}
      >
        {Math.round(scale * 100)}%
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label="Zoom in"
        aria-disabled={scale >= MAX_ZOOM}
        onClick={zoom.zoomIn}
      >
        +
      </button>
    </div>
  );
}

export function AttachmentViewer({ files, index, onIndex, onClose }: Props) {
  const file = files[index]!;
  const pdf = isPdf(file);
  // The whole file, for the download (and the image itself).
  const full = useBlobUrl(file.sha256);
  const zoom = useZoom();
  const { reset } = zoom;
  // Each image starts whole.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the file changes, on purpose
  useEffect(reset, [file.sha256]);
  const step = (by: number) => onIndex((index + by + files.length) % files.length);
  const onKeyDown = (event: KeyboardEvent) => {
    if (matches(event, SHORTCUTS.previousImage)) step(-1);
    else if (matches(event, SHORTCUTS.nextImage)) step(1);
    else if (pdf) return;
    else if (matches(event, SHORTCUTS.zoomIn)) zoom.zoomIn();
    else if (matches(event, SHORTCUTS.zoomOut)) zoom.zoomOut();
    else if (matches(event, SHORTCUTS.zoomReset)) zoom.reset();
  };

  return (
    <Dialog open title={file.name} onClose={onClose}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys page through the files */}
      <div className="attachment-viewer" onKeyDown={onKeyDown}>
        {pdf ? <PdfView key={file.sha256} pdf={file} /> : <ImageView image={file} full={full} zoom={zoom} />}
        <div className="dialog-actions">
          {!pdf && <ZoomButtons zoom={zoom} />}
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
