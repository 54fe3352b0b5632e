// Where an image in a reply may load from. A reply is untrusted text, and fetching a remote
// image tells its host that the chat was opened (when, and from which address), so only
// sources that tell nobody anything show at once: `data:` images and the person's own
// files on this server. A remote https image waits for a click; anything else is not an
// image here (Markdown.tsx shows it as a link, when it is a web address).

export type ImageSource = { kind: 'inline'; url: string } | { kind: 'remote'; url: string; host: string };

const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|avif)[;,]/i;
const OWN_BLOB = /^\/api\/blobs\/[0-9a-f]{64}$/;

/** How to show the image at `src` on a page served from `origin`; null: not as an image. */
export function imageSource(src: string, origin: string): ImageSource | null {
  const trimmed = src.trim();
  if (DATA_IMAGE.test(trimmed)) return { kind: 'inline', url: trimmed };
  let url: URL;
  try {
    url = new URL(trimmed, origin);
  } catch {
    return null;
  }
  if (url.origin === origin && OWN_BLOB.test(url.pathname) && !url.search && !url.hash) {
    return { kind: 'inline', url: url.pathname };
  }
  // The page's CSP lets remote images load over https only (server/http/security-headers.ts).
  if (url.protocol === 'https:' && url.origin !== origin && !url.username && !url.password) {
    return { kind: 'remote', url: url.href, host: url.host };
  }
  return null;
}
