import { describe, expect, it } from 'vitest';
import { imageSource } from './image-source';

const ORIGIN = 'https://hearth.example';
const SHA = 'ab'.repeat(32);

describe('imageSource', () => {
  it('shows data: images and this account’s own files at once', () => {
    expect(imageSource('data:image/png;base64,iVBORw0KGgo=', ORIGIN)).toEqual({
      kind: 'inline',
      url: 'data:image/png;base64,iVBORw0KGgo=',
    });
    expect(imageSource(`/api/blobs/${SHA}`, ORIGIN)).toEqual({ kind: 'inline', url: `/api/blobs/${SHA}` });
    expect(imageSource(`${ORIGIN}/api/blobs/${SHA}`, ORIGIN)).toEqual({ kind: 'inline', url: `/api/blobs/${SHA}` });
  });

  it('holds remote https images for a click, naming the host', () => {
    expect(imageSource('https://images.example:8443/a.png?x=1', ORIGIN)).toEqual({
      kind: 'remote',
      url: 'https://images.example:8443/a.png?x=1',
      host: 'images.example:8443',
    });
    // Protocol-relative: remote all the same.
    expect(imageSource('//tracker.example/p.gif', ORIGIN)).toMatchObject({ kind: 'remote', host: 'tracker.example' });
  });

  it('refuses everything else as an image', () => {
    for (const src of [
      'http://images.example/a.png', // the CSP allows remote images over https only
      'data:text/html,<script>alert(1)</script>',
      'data:image/svg+xml,<svg/>',
      'javascript:alert(1)',
      `/api/blobs/${SHA}?download=1`,
      '/api/blobs/usage',
      '/settings',
      'https://user:pass@images.example/a.png',
      `http://hearth.example/api/blobs/${SHA}`, // not this origin: another scheme
      '',
    ]) {
      expect(imageSource(src, ORIGIN), src).toBeNull();
    }
  });
});
