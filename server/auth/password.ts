// Password hashing with argon2id (OWASP's recommended parameters).
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification when there is no account to check against,
 * so a wrong email cannot be told from a wrong password by timing.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('hearth-timing-equaliser');
  await verify(await dummyHash, password, OPTIONS);
  return false;
}
