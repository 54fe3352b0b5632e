// The master secret: from HEARTH_SECRET, or generated once into the data directory (mode
// 0600). Keys for encryption at rest are derived from it, never used raw.
import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './log/logger';

export const SECRET_FILE = 'secret';

/** Returns the 32-byte master key derived from the configured or stored secret. */
export function loadMasterKey(dataDir: string, configured: string | undefined, log: Logger): Buffer {
  return Buffer.from(hkdfSync('sha256', configured ?? readOrCreateSecret(dataDir, log), 'hearth', 'master-key', 32));
}

function readOrCreateSecret(dataDir: string, log: Logger): string {
  const file = path.join(dataDir, SECRET_FILE);
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    log.info('generated a master secret', { file });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if ((statSync(file).mode & 0o077) !== 0) {
      chmodSync(file, 0o600);
      log.warn('the master secret file was readable by others; its mode is now 0600', { file });
    }
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`The secret file ${file} is damaged (too short). Restore it from a backup.`);
  return secret;
}
