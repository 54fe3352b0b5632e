// The one error body every /api endpoint answers with, and the codes it uses.

export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  /** Content-Length missing on an upload (411). */
  | 'length_required'
  /** The user's space for files is full (413). */
  | 'quota_exceeded'
  /** An uploaded file's bytes do not have the SHA-256 it was sent as (400). */
  | 'hash_mismatch'
  /** A file whose first bytes are not of the type it says it is (415). */
  | 'unsupported_media_type'
  /** The server's disk is full (507). */
  | 'insufficient_storage'
  | 'rate_limited'
  | 'signup_closed'
  | 'unavailable'
  /** The device speaks an older sync protocol: reload the app (426). */
  | 'upgrade_required'
  | 'internal';

/** Body of every failed /api response: `fields` maps an input field to what is wrong with it. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, string>;
  };
}

/** Narrows an unknown JSON body to the API error shape. */
export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
