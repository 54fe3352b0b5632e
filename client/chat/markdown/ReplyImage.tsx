// An image in a reply, by where it comes from (image-source.ts): shown at once from data:
// or this account's own files; from anywhere else only after the person asks for it, since
// loading it tells that host the chat was opened. Not an image source: a link, as before.
import { useState } from 'react';
import { imageSource } from './image-source';
import { safeUrl } from './safe-url';

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

function RemoteImage({ url, host, alt }: { url: string; host: string; alt: string }) {
  const [asked, setAsked] = useState(false);
  if (asked) return <img className="md-image" src={url} alt={alt} referrerPolicy="no-referrer" />;
  return (
    <button type="button" className="md-image-placeholder" onClick={() => setAsked(true)} title={url}>
      <span>Load image from {host}</span>
      {alt && <span className="md-image-alt">{alt}</span>}
    </button>
  );
}

export function ReplyImage({ src, alt = '' }: { src: string | undefined; alt: string | undefined }) {
  const source = src ? imageSource(src, location.origin) : null;
  if (source?.kind === 'inline') return <img className="md-image" src={source.url} alt={alt} />;
  if (source?.kind === 'remote') return <RemoteImage url={source.url} host={source.host} alt={alt} />;
  const link = src && safeUrl(src);
  return link ? (
    <a href={link} {...NEW_TAB} className="md-image-link">
      {alt || 'Image'}
    </a>
  ) : (
    <span>{alt}</span>
  );
}
