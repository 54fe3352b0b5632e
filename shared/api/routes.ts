// The HTTP contract: every /api route with its input and answer, typed once for both sides.
import type {
  DeleteAccountInput,
  LoginInput,
  MeResponse,
  OkResponse,
  PasswordChangeInput,
  SessionsResponse,
  SignupInput,
} from './auth';
import type { BlobUsageResponse } from './blobs';
import type {
  ApiKeyInfo,
  KeysResponse,
  KeyTestResponse,
  LocalOllamaResponse,
  NewEndpointInput,
  ProviderModelsResponse,
  PutKeyInput,
} from './keys';
import type { SearchResponse, SearchSettingsInput, SearchStatusResponse } from './search';
import type { SyncRequest, SyncResponse } from './sync';
import type { UsageResponse } from './usage';

/** Maps `METHOD /path` to the JSON body it takes and the JSON it answers with on success. */
export interface ApiRoutes {
  'POST /api/auth/signup': { body: SignupInput; response: MeResponse };
  'POST /api/auth/login': { body: LoginInput; response: MeResponse };
  'POST /api/auth/logout': { body: undefined; response: OkResponse };
  'GET /api/auth/me': { body: undefined; response: MeResponse };
  'POST /api/auth/password': { body: PasswordChangeInput; response: OkResponse };
  'GET /api/auth/sessions': { body: undefined; response: SessionsResponse };
  'DELETE /api/auth/sessions/:id': { body: undefined; response: OkResponse };
  'DELETE /api/account': { body: DeleteAccountInput; response: OkResponse };
  'POST /api/sync': { body: SyncRequest; response: SyncResponse };
  'GET /api/keys': { body: undefined; response: KeysResponse };
  'GET /api/keys/local-ollama': { body: undefined; response: LocalOllamaResponse };
  'POST /api/keys/local-ollama': { body: undefined; response: ApiKeyInfo };
  /** Adds a custom endpoint, named `custom:<id>` by the server. */
  'POST /api/keys/custom': { body: NewEndpointInput; response: ApiKeyInfo };
  'PUT /api/keys/:provider': { body: PutKeyInput; response: ApiKeyInfo };
  'DELETE /api/keys/:provider': { body: undefined; response: OkResponse };
  'POST /api/keys/:provider/test': { body: undefined; response: KeyTestResponse };
  'GET /api/keys/:provider/models': { body: undefined; response: ProviderModelsResponse };
  /** Query: `?days=30` (1 to 365). */
  'GET /api/usage': { body: undefined; response: UsageResponse };
  /** The blobs themselves (PUT, GET, HEAD /api/blobs/:sha256) are raw bytes: see ./blobs.ts. */
  'GET /api/blobs/usage': { body: undefined; response: BlobUsageResponse };
  /** Query: `?q=…&limit=20` (q at most 1000 characters, limit 1 to 100); 404 when the server does not search. */
  'GET /api/search': { body: undefined; response: SearchResponse };
  'GET /api/search/status': { body: undefined; response: SearchStatusResponse };
  'PUT /api/search/settings': { body: SearchSettingsInput; response: SearchStatusResponse };
}

export type ApiRoute = keyof ApiRoutes;
