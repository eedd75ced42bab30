// TEMPORARY stand-in until the server branch lands its classifier.
import { AppError } from "./errors";
import { mapRelayError } from "./chat-chunk";
export function classifyUpstreamError(status: number, bodyText: string, _headers?: unknown): AppError {
  try {
    const info = mapRelayError(JSON.parse(bodyText).error);
    return new AppError({ ...info, status });
  } catch {
    return new AppError({ code: /<html/i.test(bodyText) ? "upstream_html" : "upstream_server", status, message: bodyText.slice(0, 200) });
  }
}
