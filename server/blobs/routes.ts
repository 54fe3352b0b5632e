// /api/blobs: upload (PUT, resumable), download (GET), existence and resume point (HEAD) of
// the signed-in user's files, and the space they take. The contract: shared/api/blobs.ts.
// Bodies stream both ways: an upload is sealed chunk by chunk as it arrives, a download is
// opened chunk by chunk as it is sent.
import { type Context, Hono } from 'hono';
import {
  type BlobResponse,
  type BlobUsageResponse,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_OFFSET_HEADER,
} from '../../shared/api/blobs';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError } from '../http/errors';
import type { Services } from '../services';
import type { BlobInfo, BlobReader, PutResult } from './blob-store';
import { isInlineImage } from './sniff';
import { blobName, checkedBody, drainBody, formatSize, parseUpload } from './upload-request';

const IMMUTABLE = 'private, max-age=31536000, immutable';

function blobHeaders(info: BlobInfo): Record<string, string> {
  return {
    'Content-Type': info.type,
    'Content-Length': String(info.size),
    'Cache-Control': IMMUTABLE,
    ETag: `"${info.sha256}"`,
    ...(isInlineImage(info.type) ? {} : { 'Content-Disposition': 'attachment' }),
  };
}

/** The response for each way a put can end. */
function answer(c: Context<AppEnv>, result: PutResult, quotaBytes: number): Response {
  const offset = (at: number) => ({ [UPLOAD_OFFSET_HEADER]: String(at) });
  switch (result.status) {
    case 'stored':
    case 'exists': {
      const { sha256, size, type } = result.info;
      return c.json<BlobResponse>({ sha256, size, type }, result.status === 'stored' ? 201 : 200);
    }
    case 'incomplete':
      throw new HttpError(
        400,
        'bad_request',
        `The upload ended before the whole file arrived; ${formatSize(result.offset)} are kept: send the rest.`,
        undefined,
        offset(result.offset),
      );
    case 'wrong-offset':
      throw new HttpError(
        409,
        'conflict',
        `The server holds this file up to byte ${result.offset}: send it from there.`,
        undefined,
        offset(result.offset),
      );
    case 'mismatch':
      throw new HttpError(
        400,
        'hash_mismatch',
        'The file that arrived is not the file named: its SHA-256 differs (changed or damaged on the way). Nothing was kept.',
      );
    case 'over-quota':
      throw new HttpError(
        413,
        'quota_exceeded',
        `Your space for files is full: ${formatSize(result.usedBytes)} of ${formatSize(quotaBytes)} used. Delete chats with files you no longer need to make room.`,
      );
    case 'disk-full':
      throw new HttpError(
        507,
        'insufficient_storage',
        "The server's disk is full, so the file was not stored. Try again later, or tell whoever runs this server.",
      );
    default: {
      const never: never = result;
      throw new Error(`unknown put result ${JSON.stringify(never)}`);
    }
  }
}

/** The blob's bytes as a web stream: its first chunk is opened before answering, so damage is a 500, not a cut download. */
async function bodyOf(reader: BlobReader, onError: (error: unknown) => void): Promise<ReadableStream<Uint8Array>> {
  const chunks = reader.body;
  let first: IteratorResult<Uint8Array>;
  try {
    first = await chunks.next();
  } catch (error) {
    onError(error);
    throw new HttpError(500, 'internal', 'This file is damaged on the server and cannot be read.');
  }
  let pending: IteratorResult<Uint8Array> | undefined = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await chunks.next());
        pending = undefined;
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return();
    },
  });
}

export function blobRoutes(s: Services) {
  const { store, uploads } = s.blobs;
  const { maxFileBytes, quotaBytes } = s.config.blobs;

  return new Hono<AppEnv>()
    .get('/usage', async (c) => {
      const { user } = requireUser(c);
      const { bytes } = await store.usage(user.id);
      return c.json<BlobUsageResponse>({ usedBytes: bytes, quotaBytes, maxFileBytes });
    })
    .put('/:sha256', async (c) => {
      const { user } = requireUser(c);
      const sha256 = blobName(c.req.param('sha256'));
      // Refused from the headers alone: the body is not read (too large, no size, a bad range).
      const upload = parseUpload((name) => c.req.header(name), maxFileBytes);
      const incoming = c.env.incoming;
      const source: AsyncIterator<Uint8Array> = incoming[Symbol.asyncIterator]();
      try {
        // Idempotent: a file this user has is not stored again (a device confirming it makes it young again).
        const stored = await store.stat(user.id, sha256);
        if (stored) {
          await store.touch(user.id, sha256);
          await drainBody(source);
          return answer(c, { status: 'exists', info: stored }, quotaBytes);
        }
        const release = await uploads.take(user.id, sha256, () => incoming.destroy());
        try {
          const body = await checkedBody(source, upload);
          const result = await store.put(user.id, sha256, { ...upload, body, quotaBytes });
          if (result.status === 'stored') s.events.emit('blob-stored', user.id, sha256);
          if (result.status === 'disk-full') {
            c.get('log').error('the disk is full: an upload was refused', { userId: user.id });
          }
          return answer(c, result, quotaBytes);
        } finally {
          release();
        }
      } catch (error) {
        await drainBody(source);
        throw error;
      }
    })
    .get('/:sha256', async (c) => {
      const { user } = requireUser(c);
      const sha256 = blobName(c.req.param('sha256'));
      // Hono answers HEAD with the GET route, the body dropped: existence and the resume point.
      if (c.req.method === 'HEAD') {
        const info = await store.stat(user.id, sha256);
        if (info) {
          await store.touch(user.id, sha256);
          return c.body(null, 200, blobHeaders(info));
        }
        const unfinished = await store.unfinished(user.id, sha256);
        return c.body(null, 404, {
          [UPLOAD_OFFSET_HEADER]: String(unfinished?.offset ?? 0),
          ...(unfinished ? { [UPLOAD_LENGTH_HEADER]: String(unfinished.size) } : {}),
        });
      }
      const reader = await store.read(user.id, sha256);
      if (!reader) throw new HttpError(404, 'not_found', 'There is no such file in your account.');
      if (c.req.header('if-none-match') === `"${sha256}"`) {
        await reader.body.return();
        return c.body(null, 304, { ETag: `"${sha256}"`, 'Cache-Control': IMMUTABLE });
      }
      const log = c.get('log');
      const body = await bodyOf(reader, (error) =>
        log.error('a stored file could not be read', { userId: user.id, err: error }),
      );
      return new Response(body, { status: 200, headers: blobHeaders(reader.info) });
    });
}
