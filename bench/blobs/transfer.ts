// Moving files to and from a running Hearth as a device does: one PUT of the raw bytes, one
// GET read to the end (counted, not kept), each timed from the request to its last byte.
// Each on a new connection: a pooled one may be closed by the server's keep-alive timeout
// just as a request goes out on it, which a loaded machine makes likely.
import { createHash, randomFillSync } from 'node:crypto';
import { type IncomingMessage, request } from 'node:http';
import type { BenchUser } from '../sync/account';

export interface BenchFile {
  bytes: Uint8Array;
  sha256: string;
}

export function randomFile(size: number): BenchFile {
  const bytes = randomFillSync(new Uint8Array(size));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function call(url: string, method: string, headers: Record<string, string>, body?: Uint8Array) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

/** Uploads `file` and returns the milliseconds it took; throws unless the server stored it. */
export async function uploadFile(url: string, user: BenchUser, file: BenchFile): Promise<number> {
  const started = performance.now();
  const response = await call(
    `${url}/api/blobs/${file.sha256}`,
    'PUT',
    {
      cookie: user.cookie,
      'content-type': 'application/octet-stream',
      'content-length': String(file.bytes.length),
    },
    file.bytes,
  );
  let answer = '';
  for await (const part of response) answer += part;
  const ms = performance.now() - started;
  if (response.statusCode !== 201) throw new Error(`the upload answered ${response.statusCode}: ${answer}`);
  return ms;
}

/** Downloads `file` to the end and returns the milliseconds it took; throws unless every byte came. */
export async function downloadFile(url: string, user: BenchUser, file: BenchFile): Promise<number> {
  const started = performance.now();
  const response = await call(`${url}/api/blobs/${file.sha256}`, 'GET', { cookie: user.cookie });
  if (response.statusCode !== 200) throw new Error(`the download answered ${response.statusCode}`);
  let received = 0;
  for await (const part of response) received += (part as Buffer).length;
  const ms = performance.now() - started;
  if (received !== file.bytes.length) throw new Error(`the download gave ${received} of ${file.bytes.length} bytes`);
  return ms;
}
