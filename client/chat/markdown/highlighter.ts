// Loads highlight.js on demand: the common languages (one chunk, fetched the first time a
// code block appears) and a few more, each its own small chunk, when a block asks for one.
import type { HLJSApi, LanguageFn } from 'highlight.js';

type LanguageModule = Promise<{ default: LanguageFn }>;

// Languages outside highlight.js's common set that chat replies use often enough.
const EXTRA: Record<string, () => LanguageModule> = {
  clojure: () => import('highlight.js/lib/languages/clojure'),
  dart: () => import('highlight.js/lib/languages/dart'),
  dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
  elixir: () => import('highlight.js/lib/languages/elixir'),
  erlang: () => import('highlight.js/lib/languages/erlang'),
  fsharp: () => import('highlight.js/lib/languages/fsharp'),
  groovy: () => import('highlight.js/lib/languages/groovy'),
  haskell: () => import('highlight.js/lib/languages/haskell'),
  julia: () => import('highlight.js/lib/languages/julia'),
  latex: () => import('highlight.js/lib/languages/latex'),
  matlab: () => import('highlight.js/lib/languages/matlab'),
  nginx: () => import('highlight.js/lib/languages/nginx'),
  nix: () => import('highlight.js/lib/languages/nix'),
  ocaml: () => import('highlight.js/lib/languages/ocaml'),
  powershell: () => import('highlight.js/lib/languages/powershell'),
  protobuf: () => import('highlight.js/lib/languages/protobuf'),
  scala: () => import('highlight.js/lib/languages/scala'),
};
const ALIASES: Record<string, string> = { docker: 'dockerfile', ps1: 'powershell', tex: 'latex', hs: 'haskell' };

let loaded: HLJSApi | null = null;
let loading: Promise<HLJSApi> | null = null;
const extras = new Map<string, Promise<void>>();

/**
 * highlight.js when it has loaded with everything `language` needs, so blocks scrolled
 * back into view render highlighted at once; null when loadHighlighter must run first.
 */
export function readyHighlighter(language: string): HLJSApi | null {
  const name = ALIASES[language] ?? language;
  if (!loaded || (EXTRA[name] && !loaded.getLanguage(name))) return null;
  return loaded;
}

/** highlight.js able to highlight `language`, loading what it needs. */
export async function loadHighlighter(language: string): Promise<HLJSApi> {
  loading ??= import('highlight.js/lib/common').then((module) => {
    loaded = module.default;
    return loaded;
  });
  const hljs = await loading;
  const name = ALIASES[language] ?? language;
  const extra = EXTRA[name];
  if (extra && !hljs.getLanguage(name)) {
    if (!extras.has(name))
      extras.set(
        name,
        extra().then((module) => hljs.registerLanguage(name, module.default)),
      );
    await extras.get(name);
  }
  return hljs;
}

// Highlighted blocks, kept across mounts (rows of the virtual list mount again as they
// scroll back into view). Least recently used entries go first.
const CACHE_SIZE = 200;
const highlighted = new Map<string, string>();

/** The highlighted HTML of `code` (highlight.js escapes the text), or null for an unknown language. */
export function highlight(hljs: HLJSApi, code: string, language: string): string | null {
  const name = ALIASES[language] ?? language;
  if (!name || !hljs.getLanguage(name)) return null;
  const key = `${name}\n${code}`;
  const hit = highlighted.get(key);
  if (hit !== undefined) {
    highlighted.delete(key);
    highlighted.set(key, hit);
    return hit;
  }
  const html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  highlighted.set(key, html);
  if (highlighted.size > CACHE_SIZE) highlighted.delete(highlighted.keys().next().value!);
  return html;
}
