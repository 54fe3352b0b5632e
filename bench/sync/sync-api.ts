// POST /api/sync from the bench: uploads docs and fetches them in batches, following
// `answered` like the client's catch-up does ([S11]).
import type { SyncRequest, SyncResponse } from '../../shared/api/sync';
import { SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { toBase64 } from './thread-fixtures';

export interface SyncCall {
  url: string;
  cookie: string;
}

export interface BatchStats {
  requests: number;
  responseBytes: number;
}

export async function postSync(call: SyncCall, body: SyncRequest, stats?: BatchStats): Promise<SyncResponse> {
  const request = () =>
    fetch(`${call.url}/api/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: call.cookie },
      body: JSON.stringify({ version: SYNC_PROTOCOL_VERSION, ...body }),
    });
  // A kept-alive socket the server closes as the request starts fails with EPIPE or a reset;
  // sending again is safe (storing an update twice changes nothing).
  const response = await request().catch(request);
  const text = await response.text();
  if (!response.ok) throw new Error(`/api/sync answered ${response.status}: ${text.slice(0, 300)}`);
  if (stats) {
    stats.requests++;
    stats.responseBytes += text.length;
  }
  return JSON.parse(text) as SyncResponse;
}

/** Stores whole-doc updates, `perRequest` docs per request. */
export async function uploadDocs(call: SyncCall, docs: { name: string; update: Uint8Array }[], perRequest = 200) {
  for (let i = 0; i < docs.length; i += perRequest) {
    const updates = docs.slice(i, i + perRequest).map(({ name, update }) => ({ name, update: toBase64(update) }));
    await postSync(call, { docs: [], updates });
  }
}

/** Fetches the listed docs from nothing, continuing until every one is answered. */
export async function fetchDocs(
  call: SyncCall,
  names: readonly string[],
  onDoc: (name: string, update: string) => void,
  stats?: BatchStats,
): Promise<void> {
  let pending = names.map((name) => ({ name, stateVector: '' }));
  while (pending.length > 0) {
    const answer = await postSync(call, { docs: pending }, stats);
    if (answer.answered === 0) throw new Error('/api/sync answered nothing');
    for (const doc of answer.docs) onDoc(doc.name, doc.update);
    pending = pending.slice(answer.answered);
  }
}
