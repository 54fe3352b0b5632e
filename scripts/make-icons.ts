// Draws Hearth's app icons (a flame on a warm tile) as PNGs into client/public/, using
// only node's zlib: run with `npx tsx scripts/make-icons.ts` after changing the artwork.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const TILE: Rgba = [194, 74, 34, 255]; // ember: the accent colour in client/styles
const OUTER: Rgba = [255, 244, 228, 255]; // cream flame
const INNER: Rgba = [255, 190, 92, 255]; // golden core
const OUT_DIR = resolve(import.meta.dirname, '../client/public');

interface Teardrop {
  cx: number;
  cy: number;
  r: number;
  tipY: number;
}

/** True when (x, y) lies inside the convex hull of a circle and a tip point above it. */
function inTeardrop(x: number, y: number, t: Teardrop): boolean {
  const dx = x - t.cx;
  const dy = y - t.cy;
  if (dx * dx + dy * dy <= t.r * t.r) return true;
  const height = t.cy - t.tipY;
  if (y < t.tipY || y > t.cy) return false;
  // The tangent lines from the tip touch the circle at half-angle asin(r / height).
  const sin = t.r / height;
  const cos = Math.sqrt(1 - sin * sin);
  const tangentY = t.cy - t.r * sin;
  if (y > tangentY) return false;
  const halfWidth = ((y - t.tipY) * sin) / cos;
  return Math.abs(dx) <= halfWidth;
}

/** The flame leans: points higher up shift sideways, so the tip curls like a real flame. */
function flameColour(u: number, v: number): Rgba | null {
  const lean = 0.09 * (1 - Math.min(1, Math.max(0, (v - 0.12) / 0.6))) ** 2;
  const x = u + lean;
  if (inTeardrop(x, v, { cx: 0.5, cy: 0.7, r: 0.23, tipY: 0.07 })) {
    return inTeardrop(x + lean * 0.6, v, { cx: 0.5, cy: 0.76, r: 0.125, tipY: 0.4 }) ? INNER : OUTER;
  }
  return null;
}

/** True inside a rounded square covering the unit square with corner radius `radius`. */
function inRoundedSquare(u: number, v: number, radius: number): boolean {
  const qx = Math.max(Math.abs(u - 0.5) - (0.5 - radius), 0);
  const qy = Math.max(Math.abs(v - 0.5) - (0.5 - radius), 0);
  return qx * qx + qy * qy <= radius * radius;
}

interface IconSpec {
  file: string;
  size: number;
  /** Fraction of the canvas the flame's box spans: maskable icons keep it in the safe zone. */
  glyph: number;
  /** Corner radius as a fraction of the size; 0 makes a full-bleed square. */
  corner: number;
}

function render(spec: IconSpec): Buffer {
  const { size, glyph, corner } = spec;
  const samples = 4; // 4×4 supersampling for smooth edges
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (px + (sx + 0.5) / samples) / size;
          const v = (py + (sy + 0.5) / samples) / size;
          let colour: Rgba = [0, 0, 0, 0];
          if (corner === 0 || inRoundedSquare(u, v, corner)) {
            colour = flameColour((u - 0.5) / glyph + 0.5, (v - 0.5) / glyph + 0.5) ?? TILE;
          }
          // Premultiply so transparent samples do not darken edges.
          const alpha = colour[3] / 255;
          sum[0]! += colour[0] * alpha;
          sum[1]! += colour[1] * alpha;
          sum[2]! += colour[2] * alpha;
          sum[3]! += colour[3];
        }
      }
      const n = samples * samples;
      const a = sum[3]! / n;
      const offset = (py * size + px) * 4;
      const unpremultiply = a > 0 ? 255 / a : 0;
      pixels[offset] = Math.round((sum[0]! / n) * unpremultiply);
      pixels[offset + 1] = Math.round((sum[1]! / n) * unpremultiply);
      pixels[offset + 2] = Math.round((sum[2]! / n) * unpremultiply);
      pixels[offset + 3] = Math.round(a);
    }
  }
  return encodePng(size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS: IconSpec[] = [
  { file: 'icon-192.png', size: 192, glyph: 0.78, corner: 0.22 },
  { file: 'icon-512.png', size: 512, glyph: 0.78, corner: 0.22 },
  // Maskable: full bleed, flame inside the central 80% safe circle.
  { file: 'icon-maskable-512.png', size: 512, glyph: 0.56, corner: 0 },
  // iOS draws its own rounded corners and shows transparency as black.
  { file: 'apple-touch-icon.png', size: 180, glyph: 0.7, corner: 0 },
];

mkdirSync(OUT_DIR, { recursive: true });
for (const spec of ICONS) {
  writeFileSync(resolve(OUT_DIR, spec.file), render(spec));
  console.log(`wrote client/public/${spec.file}`);
}
