import { describe, expect, it } from 'vitest';
import { clampPan, FIT, MAX_ZOOM, panBy, ZOOM_STEP, zoomBy } from './zoom';

const FRAME = { width: 800, height: 600 };

describe('zoom', () => {
  it('steps between fitting and MAX_ZOOM, never past either', () => {
    expect(zoomBy(FIT, ZOOM_STEP, FRAME).zoom).toBe(ZOOM_STEP);
    expect(zoomBy(FIT, 1 / ZOOM_STEP, FRAME)).toEqual(FIT);
    let view = FIT;
    for (let i = 0; i < 40; i++) view = zoomBy(view, ZOOM_STEP, FRAME);
    expect(view.zoom).toBe(MAX_ZOOM);
  });

  it('pans only as far as the zoomed image reaches, and not at all when it fits', () => {
    expect(panBy(FIT, 50, 50, FRAME)).toEqual(FIT);
    const twice = { zoom: 2, x: 0, y: 0 };
    expect(panBy(twice, 150, -100, FRAME)).toEqual({ zoom: 2, x: 150, y: -100 });
    // At 2×, the image is 1600×1200: it reaches 400 and 300 past the frame's middle.
    expect(panBy(twice, 5000, -5000, FRAME)).toEqual({ zoom: 2, x: 400, y: -300 });
  });

  it('keeps the same spot in the middle when zooming, and recentres on the way back to fit', () => {
    const panned = { zoom: 2, x: 200, y: 100 };
    expect(zoomBy(panned, 2, FRAME)).toEqual({ zoom: 4, x: 400, y: 200 });
    expect(zoomBy(panned, 1 / 2, FRAME)).toEqual(FIT);
    expect(clampPan({ zoom: 1.5, x: 1000, y: -1000 }, FRAME)).toEqual({ zoom: 1.5, x: 200, y: -150 });
  });
});
