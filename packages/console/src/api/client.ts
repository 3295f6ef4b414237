/** Errors as the server sends them: `{error: {code, message, details?}}` with the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
/** The session's CSRF token, sent on every change (from login, setup or /auth/me). */
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

type Listener = () => void;
const sessionExpiredListeners = new Set<Listener>();
/** Called when a request that needed a session got 401: the console returns to the login page. */
export const onSessionExpired = (listener: Listener) => {
  sessionExpiredListeners.add(listener);
  return () => {
    sessionExpiredListeners.delete(listener);
  };
};

type Options = {
  method?: string;
  body?: unknown;
  raw?: Blob | File;
  query?: Record<string, string | number | undefined>;
};

/** One call to the API: JSON in and out, the CSRF header on changes, errors as ApiError. */
export const api = async <T>(path: string, options: Options = {}): Promise<T> => {
  const method = options.method ?? (options.body === undefined && !options.raw ? 'GET' : 'POST');
  const query = options.query
    ? `?${new URLSearchParams(
        Object.entries(options.query)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k, String(v)]),
      )}`
    : '';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: BodyInit | null = null;
  if (options.raw) {
    headers['content-type'] = 'application/octet-stream';
    body = options.raw;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`/api/v1${path}${query}`, { method, headers, body, credentials: 'same-origin' });
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (response.status === 401 && !path.startsWith('/auth/')) for (const l of sessionExpiredListeners) l();
    throw new ApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return data as T;
};
