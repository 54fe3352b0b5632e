// Text with some of its ranges in <mark>: a snippet or a title with the words that matched.
// Rendered as text nodes, never as HTML, whatever the text or the server sent.
import type { ReactNode } from 'react';

export function Marked({ text, marks }: { text: string; marks: ReadonlyArray<readonly [number, number]> }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    // Out of order, overlapping or out of range (a server answer is not trusted blindly).
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
