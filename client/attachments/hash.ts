// The name of a file's bytes: their SHA-256 in lowercase hex, as the blob store calls them.

/** SHA-256 of `data`, 64 lowercase hex characters. */
export async function sha256Hex(data: Blob | ArrayBuffer): Promise<string> {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
