/**
 * Users type BASE_URL as `https://host`, `https://host/`, `https://host/v1`, `https://host/v1/`
 * or even the full `https://host/v1/chat/completions`. All mean the same endpoint. We reduce each
 * to an "origin root" (scheme + host + any path prefix before `/v1`) and join API paths to it,
 * so `/v1/v1/...` and `/v1/chat/completions/v1/chat/completions` cannot happen.
 */

const KNOWN_SUFFIXES = [
  /\/chat\/completions$/i,
  /\/models$/i,
  /\/dashboard\/billing\/(subscription|usage)$/i,
];

export class BaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseUrlError";
  }
}

/** Returns the root the API paths hang off, without a trailing slash and without `/v1`. */
export function normalizeBaseUrl(input: string): string {
  const raw = input.trim();
  if (!raw) throw new BaseUrlError("BASE_URL is empty");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new BaseUrlError(`BASE_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BaseUrlError(`BASE_URL must start with http:// or https://, got ${url.protocol}`);
  }
  let path = url.pathname.replace(/\/+$/, "");
  for (const suffix of KNOWN_SUFFIXES) path = path.replace(suffix, "");
  path = path.replace(/\/v1$/i, "");
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * Joins an API path such as `v1/chat/completions` or `dashboard/billing/usage` to a base URL in any
 * of the accepted forms. The `v1/` prefix is optional in `apiPath`; it is always sent.
 */
let lastBase: { input: string; root: string } | undefined;

export function joinApiUrl(baseUrl: string, apiPath: string, search = ""): string {
  // The server joins onto the same BASE_URL on every request: remember the last normalisation.
  if (lastBase?.input !== baseUrl) lastBase = { input: baseUrl, root: normalizeBaseUrl(baseUrl) };
  const root = lastBase.root;
  const clean = apiPath.replace(/^\/+/, "").replace(/^v1\//i, "");
  const query = search && !search.startsWith("?") ? `?${search}` : search;
  return `${root}/v1/${clean}${query}`;
}
