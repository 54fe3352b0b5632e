// Before measuring, proves that the raw load client speaks each server's protocol as the
// stock clients do: updates cross both ways between a raw client and a stock provider on
// one doc (y-websocket's WebsocketProvider on Hearth, @hocuspocus/provider on Hocuspocus).
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { ApiClient } from '../../tests/support/api-client';
import { connectDoc, eventually } from '../../tests/support/sync-device';
import { RawSyncClient, type Target } from './raw-client';
import { randomClientId, TextAppender } from './text-updates';

/** Opens `docName` with the server's stock provider; resolves once synced, with a stop function. */
async function openStock(target: Target, docName: string, doc: Y.Doc): Promise<() => void> {
  if (target.kind === 'hearth') {
    const api = new ApiClient(target.url);
    api.cookie = target.cookie;
    const { provider } = await connectDoc(api, docName, doc);
    return () => provider.destroy();
  }
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: target.url.replace(/^http/, 'ws'),
    WebSocketPolyfill: WebSocket,
  });
  const provider = new HocuspocusProvider({ websocketProvider, name: docName, document: doc });
  const synced = new Promise<void>((resolve) => provider.on('synced', () => resolve()));
  provider.attach();
  await synced;
  return () => {
    provider.destroy();
    websocketProvider.destroy();
  };
}

export async function checkProtocol(target: Target, docName: string): Promise<void> {
  const doc = new Y.Doc();
  const stop = await openStock(target, docName, doc);
  const raw = new RawSyncClient(target, docName);
  try {
    await raw.ready;
    let rawGot = 0;
    raw.onUpdate = () => rawGot++;
    raw.sendUpdate(new TextAppender(randomClientId(), 'from-raw').next('hello'));
    await eventually(
      () => doc.getText('from-raw').toString() === 'hello',
      `${target.kind}: stock client gets raw update`,
    );
    doc.getText('from-stock').insert(0, 'hi');
    await eventually(() => rawGot > 0, `${target.kind}: raw client gets stock update`);
  } finally {
    raw.close();
    stop();
    doc.destroy(); // also stops the providers' awareness timers
  }
}
