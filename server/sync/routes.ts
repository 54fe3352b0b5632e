// POST /api/sync: batch catch-up ([S11]). Stores the uploaded updates first, then answers
// with the diffs of the listed docs, in order, up to a size bound. Another protocol
// version than the server's is refused with 426 ([S15]).
import { Hono } from 'hono';
import * as Y from 'yjs';
import { type SyncResponse, syncRequest } from '../../shared/api/sync';
import { type DocRef, parseDocName } from '../../shared/docs/names';
import { UPGRADE_REQUIRED_REASON } from '../../shared/sync/protocol';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../http/context';
import { HttpError, parseJson } from '../http/errors';
import type { Services } from '../services';
import { SyncRefusal } from './sync-refusal';

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
const toBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function syncRoutes(s: Services) {
  const { limits } = s.docs;
  return new Hono<AppEnv>().post('/', async (c) => {
    const { user } = requireUser(c);
    const input = await parseJson(c, syncRequest);
    if (input.version !== s.syncProtocolVersion) throw new HttpError(426, 'upgrade_required', UPGRADE_REQUIRED_REASON);
    if (input.docs.length > limits.maxBatchDocs || input.updates.length > limits.maxBatchUpdates) {
      const most = `${limits.maxBatchDocs} docs and ${limits.maxBatchUpdates} updates`;
      throw new HttpError(400, 'bad_request', `Too much in one request: at most ${most}.`);
    }
    const own = (name: string): DocRef => {
      const ref = parseDocName(name);
      if (!ref) throw new HttpError(400, 'bad_request', `Not a doc name: ${name}`);
      if (ref.userId !== user.id) throw new HttpError(403, 'forbidden', 'That doc belongs to another account.');
      return ref;
    };
    const uploads = input.updates.map((u) => ({ ref: own(u.name), name: u.name, update: fromBase64(u.update) }));
    const wanted = input.docs.map((d) => ({ ref: own(d.name), name: d.name, stateVector: fromBase64(d.stateVector) }));

    const gone = new Set<string>();
    try {
      // Started together, so the store commits them in one transaction.
      await Promise.all(
        uploads.map(({ ref, name, update }) => {
          if (s.docs.store.isPurged(name)) {
            gone.add(name);
            return undefined;
          }
          return s.docs.open(ref).receive(update, null);
        }),
      );
    } catch (error) {
      if (error instanceof SyncRefusal) throw error.toHttp();
      throw error;
    }

    const docs: SyncResponse['docs'] = [];
    let bytes = 0;
    let answered = 0;
    for (const { ref, name, stateVector } of wanted) {
      if (s.docs.store.isPurged(name)) gone.add(name);
      else {
        const state = s.docs.stateOf(ref);
        if (state) {
          let diff: Uint8Array;
          try {
            diff = stateVector.byteLength ? Y.diffUpdate(state, stateVector) : state;
          } catch {
            throw new HttpError(400, 'bad_request', `The state vector for ${name} is malformed.`);
          }
          if (answered > 0 && bytes + diff.byteLength > limits.maxBatchResponseBytes) break;
          bytes += diff.byteLength;
          docs.push({ name, update: toBase64(diff), stateVector: toBase64(Y.encodeStateVectorFromUpdate(state)) });
        }
      }
      answered++;
    }
    return c.json<SyncResponse>({ docs, gone: [...gone], answered });
  });
}
