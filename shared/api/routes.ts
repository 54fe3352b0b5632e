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
import type { SyncRequest, SyncResponse } from './sync';

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
}

export type ApiRoute = keyof ApiRoutes;
