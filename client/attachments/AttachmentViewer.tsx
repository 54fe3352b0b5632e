// The image viewer: the full image (fetched from the server when this device lacks it),
// zoom (buttons, + − 0, the wheel or a pinch; drag to look about), previous/next among the
// message's images (buttons or ← →), download, Esc closes.
import { type KeyboardEvent, useEffect } from 'react';
import type { Attachment } from '../../shared/docs/attachments';
import { Dialog } from '../ui/Dialog';
import { matches, SHORTCUTS } from '../ui/shortcuts';
import { saveBlob } from './save-blob';
import { useBlobUrl } from './use-attachments';
import { useZoom } from './use-zoom';
import { MAX_ZOOM } from './zoom';

interface Props {
  images: readonly Attachment[];
  index: number;
  onIndex: (index: number) => void;
  onClose: () => void;
}

export function AttachmentViewer({ images, index, onIndex, onClose }: Props) {
  const image = images[index]!;
  const full = useBlobUrl(image.sha256);
  const zoom = useZoom();
  const { reset } = zoom;
  // Each image starts whole.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the image changes, on purpose
  useEffect(reset, [image.sha256]);
  const step = (by: number) => onIndex((index + by + images.length) % images.length);
  const onKeyDown = (event: KeyboardEvent) => {
    if (matches(event, SHORTCUTS.previousImage)) step(-1);
    else if (matches(event, SHORTCUTS.nextImage)) step(1);
    else if (matches(event, SHORTCUTS.zoomIn)) zoom.zoomIn();
    else if (matches(event, SHORTCUTS.zoomOut)) zoom.zoomOut();
    else if (matches(event, SHORTCUTS.zoomReset)) zoom.reset();
  };
  const { x, y, zoom: scale } = zoom.view;

  return (
    <Dialog open title={image.name} onClose={onClose}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys page through the images */}
      <div className="attachment-viewer" onKeyDown={onKeyDown}>
        {/* Focusable by a click (not a tab stop), so the keys above still reach the viewer after a drag. */}
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
            <p className="message-status message-error">
              The image could not be loaded. Try again when you are online.
            </p>
          )}
        </div>
        <div className="dialog-actions">
          {/* aria-disabled, not disabled: a button disabled by its own click would drop the focus, and the keys with it. */}
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
          {images.length > 1 && (
            <>
              <button type="button" className="button button-small" onClick={() => step(-1)}>
                Previous
              </button>
              <span>
                {index + 1} / {images.length}
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
            onClick={() => full.status === 'ready' && saveBlob(full.blob, image.name)}
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
