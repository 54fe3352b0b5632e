// The security headers on every response (app pages, assets, API, errors): a strict
// Content-Security-Policy (our own scripts and styles only, no inline script; fetches and
// sync sockets to this origin only; remote images over https, which the app loads only on
// a click; never framed), no MIME sniffing, a referrer policy, and the powerful browser
// features the app never uses turned off.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './context';
import { honoHeaders, type Listener, requestHost, wellFormedHost } from './request-info';

/** Features Hearth never asks for: off, for the app and anything it might ever embed. */
const FEATURES_OFF = [
  'accelerometer',
  'camera',
  'displayCapture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
] as const;

export function securityHeaders(listener: Listener): MiddlewareHandler<AppEnv> {
  // 'self' covers ws:/wss: to the same host only in CSP level 3 browsers: name them too.
  // The host is the one the browser addressed; a malformed Host header adds nothing.
  const ownSockets = (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => {
    const host = wellFormedHost(requestHost(honoHeaders(c), listener));
    return host ? `ws://${host} wss://${host}` : '';
  };
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // https: for a remote image in a reply, which the page loads only when the person
      // clicks for it (client/chat/markdown/ReplyImage.tsx); images run no code.
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", ownSockets],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
    permissionsPolicy: Object.fromEntries(FEATURES_OFF.map((feature) => [feature, []])),
    // HSTS is the TLS terminator's decision (it may cover other hosts with includeSubDomains).
    strictTransportSecurity: false,
  });
}
