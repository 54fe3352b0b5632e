// Ids made on the device: 128 random bits as 32 lowercase hex characters, so anything
// can be created offline without asking the server.
import * as random from 'lib0/random';

export const ID_PATTERN = /^[0-9a-f]{32}$/;

/** A new 128-bit random id. */
export function newId(): string {
  let id = '';
  for (let i = 0; i < 4; i++) id += random.uint32().toString(16).padStart(8, '0');
  return id;
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
