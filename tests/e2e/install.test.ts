// Journey: Chromium considers Hearth installable, and the manifest is complete.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { installabilityErrors, openProfileDevice } from '../support/browser';
import { type Hearth, startHearth } from '../support/hearth';
import { SignUpPage } from './pages/SignUpPage';

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.stop();
});

test('Chromium reports no installability errors', async () => {
  const { context, page, close } = await openProfileDevice({ baseURL: hearth.url });
  await new SignUpPage(page).goto();
  expect(await installabilityErrors(context, page)).toEqual([]);
  await close();
});

test('the manifest describes an installable, standalone app with every icon', async () => {
  const response = await fetch(new URL('/manifest.webmanifest', hearth.url));
  expect(response.status).toBe(200);
  const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };
  expect(manifest).toMatchObject({
    id: '/',
    name: 'Hearth',
    short_name: 'Hearth',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  for (const key of ['description', 'theme_color', 'background_color']) {
    expect(typeof manifest[key]).toBe('string');
    expect(manifest[key]).not.toBe('');
  }
  const icon = (size: string, purpose: string) =>
    manifest.icons.find((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose));
  expect(icon('192x192', 'any')).toBeDefined();
  expect(icon('512x512', 'any')).toBeDefined();
  expect(icon('512x512', 'maskable')).toBeDefined();
  for (const { src } of manifest.icons) {
    const image = await fetch(new URL(src, hearth.url));
    expect(image.headers.get('content-type')).toBe('image/png');
  }
});
