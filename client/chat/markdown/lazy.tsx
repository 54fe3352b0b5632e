// The markdown renderer, loaded on demand: react-markdown, remark-gfm and the code block
// load only when a thread page loads (which starts the download at once). Until they have
// arrived a reply shows as plain text; once they have, every reply renders as markdown in
// the same frame. React.lazy would not: after a fallback it holds the content back for a
// few hundred milliseconds, which a thread opening from the device would wait out.
import { useEffect, useState } from 'react';

type MarkdownModule = typeof import('./Markdown');

let loading: Promise<MarkdownModule> | null = null;
let loaded: MarkdownModule | null = null;

/** Starts (once) loading the renderer; harmless to call again. */
export function preloadMarkdown(): Promise<MarkdownModule> {
  loading ??= import('./Markdown').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      loading = null; // asked again by the next reply that renders
      throw error;
    },
  );
  return loading;
}

interface Props {
  text: string;
  streaming: boolean;
}

export function LazyMarkdown(props: Props) {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let cancelled = false;
    preloadMarkdown().then(
      (m) => !cancelled && setModule(m),
      () => {}, // not loaded (offline before it was cached): the text stays plain
    );
    return () => {
      cancelled = true;
    };
  }, [module]);
  if (!module) return <div className="message-text">{props.text}</div>;
  const Markdown = module.default;
  return <Markdown {...props} />;
}
