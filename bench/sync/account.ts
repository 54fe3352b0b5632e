// A benchmark user on Hearth: signs up (each from its own X-Forwarded-For address, so the
// per-IP sign-up limit never trips across runs) and keeps the session cookie for sockets.
import { ApiClient } from '../../tests/support/api-client';

export interface BenchUser {
  id: string;
  cookie: string;
  api: ApiClient;
}

const randomAddress = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 254) + 1).join('.')}`;

export async function signUp(url: string): Promise<BenchUser> {
  const api = new ApiClient(url, { 'x-forwarded-for': randomAddress() });
  const user = await api.signup();
  if (!api.cookie) throw new Error('sign-up gave no session cookie');
  return { id: user.id, cookie: api.cookie, api };
}
