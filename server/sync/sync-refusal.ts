// The one error the sync code throws for a request it refuses (a malformed frame, an update
// that does not apply, a doc over its limits, a deleted doc): a WebSocket closes with `code`,
// /api/sync answers the matching HTTP status, and `message` is the reason shown to people.
import { CloseCode } from '../../shared/sync/protocol';
import { HttpError } from '../http/errors';

export class SyncRefusal extends Error {
  constructor(
    readonly code: (typeof CloseCode)[keyof typeof CloseCode],
    message: string,
  ) {
    super(message);
  }

  /** The same refusal as /api/sync answers it. */
  toHttp(): HttpError {
    switch (this.code) {
      case CloseCode.tooLarge:
        return new HttpError(413, 'payload_too_large', this.message);
      case CloseCode.tooMany:
        return new HttpError(429, 'rate_limited', this.message);
      case CloseCode.forbidden:
        return new HttpError(403, 'forbidden', this.message);
      default:
        return new HttpError(400, 'bad_request', this.message);
    }
  }
}
