/** What every client call returns: the status, the parsed body (JSON when it is JSON), and the headers. */
export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON, or form-encoded with `form`. */
  body?: unknown;
  form?: boolean;
}

/**
 * One HTTP call, shared by the typed clients. Redirects are returned, not followed, because a 302 and its
 * `Location` are part of the Cloud 66 contract.
 */
export async function callApi<T>(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const url = new URL(baseUrl.replace(/\/$/, '') + path);
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = options.form ? new URLSearchParams(options.body as Record<string, string>).toString() : JSON.stringify(options.body);
    headers['content-type'] ??= options.form ? 'application/x-www-form-urlencoded' : 'application/json';
  }
  const res = await fetch(url, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, body: parseBody(text, res.headers.get('content-type')) as T, headers: res.headers };
}

/** A body as the clients read it: JSON when it says so and parses, the text otherwise, nothing when empty. */
export function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (contentType && /json/.test(contentType)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
