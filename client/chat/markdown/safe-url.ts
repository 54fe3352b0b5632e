// Which link targets a reply may carry: model output is untrusted text, so only web and
// mail links survive; javascript:, data:, relative and protocol-relative URLs are dropped.

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** The URL when it is an absolute http(s) or mailto link, otherwise undefined. */
export function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return ALLOWED.has(parsed.protocol) ? parsed.href : undefined;
}
