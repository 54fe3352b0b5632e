// Theme and fonts applied to the whole app: a `data-theme` attribute (theme.css picks its
// colours by it) and CSS variables on <html>, remembered on this device so the next start
// paints right.
import type { Settings } from '../../shared/docs/settings';

export interface FontChoice {
  id: string;
  label: string;
  /** The font-family stack; null keeps the stylesheet's default (client/styles/theme.css). */
  stack: string | null;
}

/** Stacks of fonts already installed on most systems (after modernfontstacks.com): no downloads. */
export const UI_FONTS: readonly FontChoice[] = [
  { id: 'system', label: 'System', stack: null },
  {
    id: 'humanist',
    label: 'Humanist',
    stack: "Seravek, 'Gill Sans Nova', Ubuntu, Calibri, 'DejaVu Sans', source-sans-pro, sans-serif",
  },
  {
    id: 'geometric',
    label: 'Geometric',
    stack: "Avenir, Montserrat, Corbel, 'URW Gothic', source-sans-pro, sans-serif",
  },
  {
    id: 'serif',
    label: 'Serif',
    stack: "Charter, 'Bitstream Charter', 'Sitka Text', Cambria, 'DejaVu Serif', serif",
  },
  {
    id: 'mono',
    label: 'Monospace',
    stack: "ui-monospace, 'Cascadia Code', 'Source Code Pro', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
  },
];

export const CODE_FONTS: readonly FontChoice[] = [
  { id: 'monospace', label: 'System monospace', stack: null },
  {
    id: 'coding',
    label: 'Coding (Cascadia, JetBrains, Fira)',
    stack: "'Cascadia Code', 'JetBrains Mono', 'Fira Code', 'Source Code Pro', Menlo, 'DejaVu Sans Mono', monospace",
  },
  {
    id: 'typewriter',
    label: 'Typewriter',
    stack: "'Nimbus Mono PS', 'Courier New', 'Liberation Mono', Courier, monospace",
  },
];

export type Appearance = Pick<Settings, 'theme' | 'uiFont' | 'codeFont'>;

/** Light and dark page colours, for the browser's title bar when the theme is chosen. */
const THEME_COLOURS = { light: '#faf6f1', dark: '#1c1917' } as const;
const REMEMBERED = 'hearth:appearance';

export function fontStack(choices: readonly FontChoice[], id: string): string | null {
  return choices.find((c) => c.id === id)?.stack ?? null;
}

/** Puts the appearance on <html>; `system` theme and default fonts leave the stylesheet in charge. */
export function applyAppearance(appearance: Appearance, root = document.documentElement): void {
  if (appearance.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = appearance.theme;
  setVariable(root, '--font', fontStack(UI_FONTS, appearance.uiFont));
  setVariable(root, '--font-mono', fontStack(CODE_FONTS, appearance.codeFont));
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    // index.html gives one colour per system scheme; a chosen theme wins over both.
    meta.dataset.systemColour ??= meta.content;
    meta.content = appearance.theme === 'system' ? meta.dataset.systemColour : THEME_COLOURS[appearance.theme];
  }
}

function setVariable(root: HTMLElement, name: string, value: string | null): void {
  if (value === null) root.style.removeProperty(name);
  else root.style.setProperty(name, value);
}

export function rememberAppearance(appearance: Appearance | null): void {
  try {
    if (appearance) localStorage.setItem(REMEMBERED, JSON.stringify(appearance));
    else localStorage.removeItem(REMEMBERED);
  } catch {
    // Storage may be unavailable (private mode, quota): the synced setting still applies.
  }
}

/** The appearance last applied on this device, for the first paint before the docs load. */
export function rememberedAppearance(): Appearance | null {
  try {
    const raw = localStorage.getItem(REMEMBERED);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Appearance>;
    if (value.theme !== 'light' && value.theme !== 'dark' && value.theme !== 'system') return null;
    return { theme: value.theme, uiFont: String(value.uiFont ?? 'system'), codeFont: String(value.codeFont ?? '') };
  } catch {
    return null;
  }
}

export const SYSTEM_APPEARANCE: Appearance = { theme: 'system', uiFont: 'system', codeFont: 'monospace' };
