/**
 * Which size limit refused a request. This server answers its own refusals as JSON
 * (server_body_limit, with the limit in bytes), and passes the upstream's on as payload_too_large;
 * a 413 that reaches the page in any other shape came from in front of this server: Vercel's
 * platform limit (FUNCTION_PAYLOAD_TOO_LARGE), or a reverse proxy such as nginx
 * (client_max_body_size), whose answer is an HTML page.
 */
import { AppError } from "../errors";
import { clip, extractRequestId, getHeader, htmlTitle, type HeaderLike } from "./body";

const VERCEL = /FUNCTION_PAYLOAD_TOO_LARGE/;

export function frontBodyLimitError(bodyText: string, headers?: HeaderLike): AppError {
  const text = bodyText ?? "";
  const vercel = VERCEL.test(text) || VERCEL.test(getHeader(headers, "x-vercel-error") ?? "");
  const said = htmlTitle(text) ?? clip(text.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(), 200);
  return new AppError({
    code: vercel ? "vercel_body_limit" : "gateway_body_limit",
    status: 413,
    message: vercel ? "Vercel refused the request body as larger than 4.5 MB" : "A proxy in front of this server refused the request body as too large",
    ...(said ? { upstreamMessage: said } : {}),
    requestId: extractRequestId(undefined, headers) ?? (vercel ? getHeader(headers, "x-vercel-id") : undefined),
  });
}
