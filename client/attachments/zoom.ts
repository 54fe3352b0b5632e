// The image viewer's zoom, as plain numbers: a scale from 1 (the whole image fits) up to
// MAX_ZOOM, and a pan that keeps the zoomed image covering the frame it is shown in.

export const MAX_ZOOM = 8;
/** One step of the buttons, keys and wheel. */
export const ZOOM_STEP = 1.25;

export interface View {
  zoom: number;
  x: number;
  y: number;
}

export const FIT: View = { zoom: 1, x: 0, y: 0 };

export interface Size {
  width: number;
  height: number;
}

/** `view` with its pan pulled back so no edge of the image comes inside the frame. */
export function clampPan(view: View, frame: Size): View {
  const room = (length: number) => ((view.zoom - 1) * length) / 2;
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value)) || 0;
  return { zoom: view.zoom, x: clamp(view.x, room(frame.width)), y: clamp(view.y, room(frame.height)) };
}

/** Zoomed by `factor` (within 1…MAX_ZOOM), the pan scaled with it so the middle stays put. */
export function zoomBy(view: View, factor: number, frame: Size): View {
  const zoom = Math.min(MAX_ZOOM, Math.max(1, view.zoom * factor));
  const ratio = zoom / view.zoom;
  return clampPan({ zoom, x: view.x * ratio, y: view.y * ratio }, frame);
}

/** Moved by a drag of (dx, dy) pixels. */
export function panBy(view: View, dx: number, dy: number, frame: Size): View {
  return clampPan({ zoom: view.zoom, x: view.x + dx, y: view.y + dy }, frame);
}
