// A fenced code block: a header with the language and a copy button, and the code,
// highlighted once highlight.js (loaded on demand) is there; plain until then.
import { memo, useEffect, useMemo, useState } from 'react';
import { highlight, loadHighlighter, readyHighlighter } from './highlighter';
import { copyLabel, useCopy } from './use-copy';

interface Props {
  code: string;
  language: string;
}

export const CodeBlock = memo(function CodeBlock({ code, language }: Props) {
  const [loads, setLoads] = useState(0);
  const [copy, doCopy] = useCopy();

  useEffect(() => {
    if (readyHighlighter(language)) return;
    let cancelled = false;
    void loadHighlighter(language).then(() => {
      if (!cancelled) setLoads((n) => n + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [language]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `loads` changes when highlight.js has loaded
  const html = useMemo(() => {
    const hljs = readyHighlighter(language);
    return hljs ? highlight(hljs, code, language) : null;
  }, [code, language, loads]);

  return (
    <div className="code-block">
      <div className="code-header">
        <span className="code-language">{language || 'text'}</span>
        <button
          type="button"
          className="code-copy"
          onClick={() => doCopy(code)}
          aria-label={copy === 'idle' ? `Copy ${language || 'text'} code` : copyLabel(copy)}
        >
          {copyLabel(copy)}
        </button>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: long lines scroll sideways, and keyboards must reach that scroll */}
      <pre tabIndex={0}>
        {html === null ? (
          <code>{code}</code>
        ) : (
          <code
            className="hljs"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: highlight.js escapes the code; it only adds its own spans
            dangerouslySetInnerHTML={{ __html: html }}
          />
        )}
      </pre>
    </div>
  );
});
