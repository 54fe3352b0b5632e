// How the browser reaches the sync server: same-origin WebSocket (the session cookie rides
// along) and the typed API client for batch catch-up.
import { ApiError, api, NetworkError } from '../api';
import type { SyncTransport } from './sync-manager';

export function browserTransport(): SyncTransport {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return {
    wsUrl: `${scheme}://${location.host}/sync`,
    batch: (body) => api('POST /api/sync', { body }),
    isOnline: () => navigator.onLine,
    isNetworkError: (error) => error instanceof NetworkError,
    isUnauthorized: (error) => error instanceof ApiError && error.status === 401,
    isUpgradeRequired: (error) => error instanceof ApiError && error.status === 426,
  };
}
