// The markdown renderer as a lazy component: react-markdown, remark-gfm and the code block
// load on demand, and a thread page starts the download as soon as it loads itself.
import { lazy } from 'react';

let loading: ReturnType<typeof load> | null = null;
const load = () => import('./Markdown');

/** Starts (once) loading the renderer; harmless to call again. */
export const preloadMarkdown = () => {
  loading ??= load();
  return loading;
};

export const LazyMarkdown = lazy(preloadMarkdown);
