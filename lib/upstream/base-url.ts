/**
 * Users type BASE_URL as `https://host`, `https://host/`, `https://host/v1`, `https://host/v1/`
 * or even the full `https://host/v1/chat/completions`. All mean the same endpoint. We reduce each
 * to an "origin root" (scheme + host + any path prefix before `/v1`) and join API paths to it,
 * so `/v1/v1/...` and `/v1/chat/completions/v1/chat/completions` cannot happen.
 *
 * Some providers serve their OpenAI-compatible API under another version path: Zhipu
 * `…/api/paas/v4`, Volcengine Ark `…/api/v3`, Gemini `…/v1beta/openai`. A BASE_URL ending in such
 * a path (`/vN`, `/vNbeta`, `/vNalpha…`, optionally followed by `/openai`) is kept as given and API
 * paths join directly under it: `…/api/paas/v4/chat/completions`, never `…/v4/v1/chat/completions`.
 */

const KNOWN_SUFFIXES = [
  /\/chat\/completions$/i,
  /\/models$/i,
  /\/dashboard\/billing\/(subscription|usage)$/i,
];

/** A trailing version segment, with Gemini's `/openai` after it. Plain `/v1` is the ordinary form. */
const VERSION_PATH = /\/v\d+(?:(?:alpha|beta)[a-z0-9.-]*)?(?:\/openai)?$/i;

export class BaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseUrlError";
  }
}

/** True when a normalised root ends in a version path its API paths join under directly. */
export function hasVersionPath(root: string): boolean {
  let path: string;
  try {
    path = new URL(root).pathname.replace(/\/+$/, "");
  } catch {
    return false;
  }
  return VERSION_PATH.test(path) && !/\/v1$/i.test(path);
}

/**
 * Returns the root the API paths hang off, without a trailing slash: without `/v1` for the
 * ordinary forms, with the version path for the endpoints that have one.
 */
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
  path = path.replace(/\/+$/, "").replace(/\/v1$/i, "");
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * Joins an API path such as `v1/chat/completions` or `dashboard/billing/usage` to a base URL in any
 * of the accepted forms. The `v1/` prefix is optional in `apiPath`; it is always sent, except under
 * a version path, where the endpoint's own version takes its place.
 */
let lastBase: { input: string; root: string; versioned: boolean } | undefined;

export function joinApiUrl(baseUrl: string, apiPath: string, search = ""): string {
  // The server joins onto the same BASE_URL on every request: remember the last normalisation.
  if (lastBase?.input !== baseUrl) {
    const root = normalizeBaseUrl(baseUrl);
    lastBase = { input: baseUrl, root, versioned: hasVersionPath(root) };
  }
  const { root, versioned } = lastBase;
  const clean = apiPath.replace(/^\/+/, "").replace(/^v1\//i, "");
  const query = search && !search.startsWith("?") ? `?${search}` : search;
  return versioned ? `${root}/${clean}${query}` : `${root}/v1/${clean}${query}`;
}
