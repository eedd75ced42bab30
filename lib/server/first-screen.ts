import { LANGS, langFromBrowser, type Lang } from "../i18n";

/**
 * Which server-rendered first screen serves "/" (app/start/[lang]/page.tsx), or null for the page
 * that waits for the config (with an access code the page cannot know, before its scripts run,
 * whether this browser holds a good one, so it renders nothing that a stranger should not see).
 * The language is the one chosen in Settings (its cookie, LANGUAGE_COOKIE), else the request's
 * first choice in Accept-Language, read as the page reads navigator.languages: Chinese of any
 * region gets Chinese, everything else English.
 */
export function firstScreenPath({ codeRequired, chosen, acceptLanguage }: { codeRequired: boolean; chosen: string | null; acceptLanguage: string | null }): string | null {
  if (codeRequired) return null;
  const lang = LANGS.find((l) => l === chosen) ?? firstScreenLang(acceptLanguage);
  return `/start/${lang}`;
}

export function firstScreenLang(acceptLanguage: string | null): Lang {
  let best: { tag: string; q: number } | null = null;
  for (const part of (acceptLanguage ?? "").slice(0, 1000).split(",")) {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = rawTag.trim();
    if (tag === "" || tag === "*") continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    // The first of equal weights wins, as the browser lists its languages in order.
    if (best === null || q > best.q) best = { tag, q };
  }
  return langFromBrowser(best ? [best.tag] : undefined);
}

/**
 * A GET or HEAD of "/" or of a first screen's own address (`/start/en`, any query): the pages
 * that name one build's scripts under an address that outlives the build.
 */
export function isFirstScreenRequest(method: string | undefined, url: string | undefined): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = (url ?? "").split("?")[0];
  return path === "/" || LANGS.some((lang) => path === `/start/${lang}`);
}

/**
 * "/" is a different page per language and per code setting, and names one build's scripts. Next
 * serves the prerendered shell with `s-maxage` of a year and no Vary on what chose it: a shared
 * cache (a CDN told to cache HTML) would hand one visitor's language to the next and keep an old
 * build's page, whose scripts are gone, after a deployment. So the headers Next sets on it are
 * replaced: browsers may keep it but ask again each time (its ETag makes that cheap).
 */
export function holdFirstScreenHeaders(res: { setHeader(name: string, value: number | string | readonly string[]): unknown }): void {
  const set = res.setHeader.bind(res);
  const own = (name: string, value: number | string | readonly string[]) => {
    const key = name.toLowerCase();
    if (key === "cache-control") return set(name, "private, no-cache");
    if (key === "vary") return set(name, withVary(value, ["Accept-Language", "Cookie"]));
    return set(name, value);
  };
  res.setHeader = own;
  own("Cache-Control", "");
  own("Vary", "");
}

/** A Vary value (a string or Next's list) with `names` added where missing, each name once. */
function withVary(value: number | string | readonly string[], names: readonly string[]): string {
  const listed = new Map<string, string>();
  for (const part of [...(Array.isArray(value) ? value : [String(value)]).join(",").split(","), ...names]) {
    const name = part.trim();
    if (name !== "" && !listed.has(name.toLowerCase())) listed.set(name.toLowerCase(), name);
  }
  return [...listed.values()].join(", ");
}
