// Renders a message's markdown: GFM (tables, task lists, strikethrough, autolinks), code
// blocks through CodeBlock, links only to web and mail addresses, opened in a new tab.
// Raw HTML shows as text and nothing runs; images load only from data: or the person's own
// files, remote ones after a click (ReplyImage), so a reply cannot make the page call out.
// This module is loaded on demand (with react-markdown), so the app shell stays small.
import type { Element, ElementContent } from 'hast';
import { memo, type ReactElement } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './CodeBlock';
import { ReplyImage } from './ReplyImage';
import { safeUrl } from './safe-url';
import { splitBlocks } from './split-blocks';
import './markdown.css';

const REMARK_PLUGINS = [remarkGfm];
const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/** The code and language of a `<pre><code class="language-x">` element. */
function codeOf(pre: Element | undefined): { code: string; language: string } {
  const code = pre?.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  const classes = code?.properties.className;
  const language = (Array.isArray(classes) ? classes : [])
    .map(String)
    .find((name) => name.startsWith('language-'))
    ?.slice('language-'.length);
  const text = code ? textOf(code) : '';
  return { code: text.endsWith('\n') ? text.slice(0, -1) : text, language: language?.toLowerCase() ?? '' };
}

const COMPONENTS: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} {...NEW_TAB}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) => <ReplyImage src={typeof src === 'string' ? src : undefined} alt={alt} />,
  pre: ({ node }) => {
    const { code, language } = codeOf(node);
    return <CodeBlock code={code} language={language} />;
  },
  table: ({ children }) => (
    // Wide tables scroll sideways instead of widening the page; the region takes focus so
    // that keyboard users can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="md-table" aria-label="Table" tabIndex={0}>
      <table>{children}</table>
    </section>
  ),
  input: ({ checked }) => (
    <input type="checkbox" checked={Boolean(checked)} readOnly disabled aria-label={checked ? 'Done' : 'Not done'} />
  ),
};

// Image sources are vetted by ReplyImage (data: and this server's files are allowed there).
const urlTransform = (url: string, key: string) => (key === 'src' ? url : safeUrl(url));

// Parsed messages, kept across mounts: a virtual list mounts a row again whenever it scrolls
// back into view, and a thread opened again shows the same texts. React elements are
// immutable, so one parse serves every mount. Least recently used entries go first.
const CACHE_SIZE = 300;
const parsed = new Map<string, ReactElement>();

function parse(text: string, keep: boolean): ReactElement {
  const hit = parsed.get(text);
  if (hit) {
    parsed.delete(text);
    parsed.set(text, hit);
    return hit;
  }
  // ReactMarkdown is a plain synchronous function of its props (no hooks), so calling it
  // gives the element tree it would render.
  const element = ReactMarkdown({
    children: text,
    remarkPlugins: REMARK_PLUGINS,
    components: COMPONENTS,
    urlTransform,
  });
  if (!keep) return element;
  parsed.set(text, element);
  if (parsed.size > CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  return element;
}

/** One parsed block; `growing` (the last block of a streaming reply) is not worth caching. */
const Block = memo(function Block({ text, growing = false }: { text: string; growing?: boolean }) {
  return parse(text, !growing);
});

/**
 * While a reply streams it is parsed block by block, so each new token re-parses only the
 * last block; once done it is parsed whole (lists and references spanning blocks then join).
 */
export default function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  return (
    <div className="markdown">
      {streaming ? (
        splitBlocks(text).map((block, index, blocks) => (
          // Blocks only grow at the end, so the index is a stable key.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Block key={index} text={block} growing={index === blocks.length - 1} />
        ))
      ) : (
        <Block text={text} />
      )}
    </div>
  );
}
