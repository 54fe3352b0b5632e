// Imported first by main.tsx: zod must not probe `new Function` (its fast parser), because
// the server's Content-Security-Policy forbids eval and Chromium reports the probe as a
// violation even though zod catches it. Runs before any schema in shared/ is built.
import { config } from 'zod';

config({ jitless: true });
