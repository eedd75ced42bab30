/**
 * What kind of web page came back where an API was expected: a CDN's or gateway's error page
 * (the relay behind it is down), a login page (the address is a dashboard or a protected site),
 * a web server's "404 Not Found" (nothing at this path), or the relay's own web site (the address
 * is the site, not its API). Each has another fix.
 */
import { htmlTitle } from "../../upstream/body";

export type HtmlKind = "cdn_error" | "not_found" | "login" | "website";

const CDN = /cloudflare|cf-ray|cf-error|attention required|just a moment|akamai|fastly|varnish|cloudfront|<center>\s*nginx|<center>\s*openresty|bad gateway|gateway time-?out|service unavailable|origin is unreachable|web server is down|a timeout occurred|error code:?\s*5\d\d/i;
const LOGIN = /<input[^>]+type=["']?password|\b(log ?in|sign ?in|signin)\b|登录|登入|請登入/i;

export interface HtmlPage {
  kind: HtmlKind;
  title?: string;
}

export function classifyHtml(status: number, html: string): HtmlPage {
  const title = htmlTitle(html);
  const head = html.slice(0, 20_000);
  // An error status with a gateway's page, or a CDN's challenge page: the relay itself did not answer.
  if ((status >= 500 || status === 403 || status === 429) && CDN.test(head)) return { kind: "cdn_error", title };
  if (status >= 500) return { kind: "cdn_error", title };
  if (status === 404 || status === 410) return { kind: "not_found", title };
  if (LOGIN.test(head)) return { kind: "login", title };
  return { kind: "website", title };
}
