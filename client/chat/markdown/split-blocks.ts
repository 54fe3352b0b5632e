// Splits markdown into top-level blocks at blank lines (never inside a fenced code block),
// so a streaming reply re-parses only its last block while the earlier ones stay memoised.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/** True when `line` closes the fence opened by `opening` (same character, at least as long). */
function closes(line: string, opening: string): boolean {
  const marker = CLOSING_FENCE.exec(line)?.[1];
  return marker !== undefined && marker[0] === opening[0] && marker.length >= opening.length;
}

/**
 * The text's blocks, in order; joined with '\n' they give the text back. A blank line
 * starts a new block only when the next line is not indented, so list items that continue
 * after a blank line and indented code stay whole.
 */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let afterBlank = false;
  for (const line of text.split('\n')) {
    if (fence === null && afterBlank && /^\S/.test(line) && current.some((l) => l.trim() !== '')) {
      blocks.push(current.join('\n'));
      current = [];
    }
    current.push(line);
    if (fence === null) fence = FENCE.exec(line)?.[1] ?? null;
    else if (closes(line, fence)) fence = null;
    afterBlank = fence === null && line.trim() === '';
  }
  blocks.push(current.join('\n'));
  return blocks;
}
