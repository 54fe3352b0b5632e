// Zoom and pan for the image viewer (the numbers in zoom.ts): the buttons and keys step the
// zoom; the wheel zooms (a trackpad pinch arrives as a wheel too); on a zoomed image one
// pointer drags it about and two pinch. The frame is the element the image is shown in.
import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { FIT, panBy, type View, ZOOM_STEP, zoomBy } from './zoom';

interface Point {
  x: number;
  y: number;
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const sizeOf = (element: HTMLElement | null) => ({
  width: element?.clientWidth ?? 0,
  height: element?.clientHeight ?? 0,
});
/** Wheel pixels per e-fold of zoom: a mouse notch (about 100) is about one step. */
const WHEEL_SCALE = 450;

export function useZoom() {
  // State, not a ref: the frame comes and goes (a PDF in the viewer has none), and the wheel
  // listener must follow the frame shown.
  const [frame, setFrame] = useState<HTMLDivElement | null>(null);
  const [view, setView] = useState<View>(FIT);
  const pointers = useRef(new Map<number, Point>());
  const size = () => sizeOf(frame);

  useEffect(() => {
    const element = frame;
    if (!element) return;
    // Not React's onWheel: it is passive, and the page would scroll or zoom as well.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      setView((v) => zoomBy(v, Math.exp(-event.deltaY / WHEEL_SCALE), sizeOf(element)));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [frame]);

  const onPointerMove = (event: PointerEvent) => {
    const last = pointers.current.get(event.pointerId);
    if (!last) return;
    const now = { x: event.clientX, y: event.clientY };
    const other = [...pointers.current].find(([id]) => id !== event.pointerId)?.[1];
    if (!other) setView((v) => panBy(v, now.x - last.x, now.y - last.y, size()));
    else if (distance(last, other) > 0) setView((v) => zoomBy(v, distance(now, other) / distance(last, other), size()));
    pointers.current.set(event.pointerId, now);
  };
  const release = (event: PointerEvent) => void pointers.current.delete(event.pointerId);

  return {
    view,
    zoomIn: () => setView((v) => zoomBy(v, ZOOM_STEP, size())),
    zoomOut: () => setView((v) => zoomBy(v, 1 / ZOOM_STEP, size())),
    reset: () => setView(FIT),
    frameProps: {
      ref: setFrame,
      onPointerDown: (event: PointerEvent) => {
        if (event.pointerType === 'mouse' && event.button !== 0) return;
        pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
        event.currentTarget.setPointerCapture(event.pointerId);
      },
      onPointerMove,
      onPointerUp: release,
      onPointerCancel: release,
    },
  };
}
