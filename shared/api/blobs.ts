// Blob contract: the bytes of attached files, named by their SHA-256, per user. Uploads and
// downloads are raw bytes, not JSON, so they are described here rather than in ApiRoutes
// (which types the JSON routes, `GET /api/blobs/usage` among them):
//
// PUT /api/blobs/:sha256
//   Body: the file's bytes. Content-Length is required (411 without it); Content-Type is the
//   file's MIME type (application/octet-stream when absent or not one).
//   201 BlobResponse: stored. 200 BlobResponse: this user had it already (nothing read).
//   400 `bad_request`: the name is not a SHA-256, the file is empty, or a header is wrong.
//   400 `hash_mismatch`: the bytes' SHA-256 is not the name; nothing is kept.
//   409 `conflict` + Upload-Offset: a resumed upload does not start where the server's copy
//       ends; send from Upload-Offset (0: start again).
//   413 `payload_too_large`: larger than the server's file limit (decided from the headers,
//       before the body is read). 413 `quota_exceeded`: the user's space is full.
//   415 `unsupported_media_type`: an image or PDF whose first bytes are not of that format.
//   507 `insufficient_storage`: the server's disk is full; nothing is kept; try later.
//   Resuming: an upload that broke off keeps what arrived in whole 64 KiB chunks. HEAD tells
//   how much (Upload-Offset); the rest is sent as `PUT` with
//   `Content-Range: bytes <offset>-<size - 1>/<size>` and only those bytes as the body. A
//   `PUT` without Content-Range starts again from 0. A newer upload of the same file (another
//   tab, or a retry while the server still holds the old connection) stops the older one.
//
// GET /api/blobs/:sha256
//   200 with the bytes, decrypted as they stream; Content-Type as uploaded; shown in the page
//   only for checked images (PNG, JPEG, WebP, GIF, HEIC/HEIF, AVIF), else
//   `Content-Disposition: attachment`; cached as immutable (a name never changes content);
//   `ETag` is the SHA-256 (If-None-Match answers 304). 404 when this user has no such blob,
//   whether or not another user does.
//
// HEAD /api/blobs/:sha256
//   200 with Content-Length and Content-Type when stored (and marks it as wanted: see the
//   grace period in README's "Attachments: storage"). 404 otherwise, with Upload-Offset (bytes
//   held of an unfinished upload, 0 when none) and, when one is held, Upload-Length (its size).

/** Headers of resumable uploads (as tus names them). */
export const UPLOAD_OFFSET_HEADER = 'Upload-Offset';
export const UPLOAD_LENGTH_HEADER = 'Upload-Length';

/** The address of a blob. */
export const blobPath = (sha256: string) => `/api/blobs/${sha256}`;

/** The answer to a stored (or already stored) upload. */
export interface BlobResponse {
  sha256: string;
  size: number;
  type: string;
}

/** `GET /api/blobs/usage`: the space the user's files take, for Settings and for checks before an upload. */
export interface BlobUsageResponse {
  /** Bytes counted against the quota: stored files and unfinished uploads. */
  usedBytes: number;
  quotaBytes: number;
  /** The largest file the server takes. */
  maxFileBytes: number;
}
