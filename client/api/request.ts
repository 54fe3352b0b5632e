// A typed fetch over the shared ApiRoutes map: `api('POST /api/auth/login', { body })`.
import { isApiErrorBody } from '../../shared/api/errors';
import type { ApiRoute, ApiRoutes } from '../../shared/api/routes';
import { ApiError, NetworkError, parseRetryAfter } from './api-error';

/** The names of the `:params` in a route's path. */
type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type RouteParams<R extends ApiRoute> = R extends `${string} ${infer Path}` ? PathParams<Path> : never;

type BodyOption<R extends ApiRoute> = ApiRoutes[R]['body'] extends undefined
  ? { body?: undefined }
  : { body: ApiRoutes[R]['body'] };

type ParamsOption<R extends ApiRoute> = [RouteParams<R>] extends [never]
  ? { params?: undefined }
  : { params: Record<RouteParams<R>, string> };

export type RequestOptions<R extends ApiRoute> = BodyOption<R> & ParamsOption<R> & { signal?: AbortSignal };

/** Options may be left out only when the route needs neither a body nor params. */
type OptionsArgs<R extends ApiRoute> = object extends BodyOption<R> & ParamsOption<R>
  ? [options?: RequestOptions<R>]
  : [options: RequestOptions<R>];

/** Routes whose 401 means "wrong email or password", not "your session ended". */
const CREDENTIAL_ROUTES: ReadonlySet<ApiRoute> = new Set(['POST /api/auth/login', 'POST /api/auth/signup']);
const unauthorizedListeners = new Set<() => void>();

/** Called whenever the server says this device's session is gone, whichever call found out. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function buildPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`Missing route parameter :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export async function api<R extends ApiRoute>(
  route: R,
  ...[options]: OptionsArgs<R>
): Promise<ApiRoutes[R]['response']> {
  const [method = 'GET', path = ''] = route.split(' ');
  const body = options?.body;
  let response: Response;
  try {
    response = await fetch(buildPath(path, options?.params), {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options?.signal,
    });
  } catch (error) {
    // An abort is the caller's own decision, not a connection problem.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError({ cause: error });
  }
  const json = await readJson(response);
  if (response.ok) return json as ApiRoutes[R]['response'];
  if (response.status === 401 && !CREDENTIAL_ROUTES.has(route)) {
    for (const listener of unauthorizedListeners) listener();
  }
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (isApiErrorBody(json)) {
    const { code, message, fields } = json.error;
    throw new ApiError(response.status, code, message, fields, retryAfter);
  }
  // A proxy or a crashed server may answer without our JSON body.
  const code = response.status >= 500 ? 'unavailable' : 'bad_request';
  throw new ApiError(
    response.status,
    code,
    `The server answered ${response.status}. Please try again.`,
    {},
    retryAfter,
  );
}
