/**
 * The model list as the browser gets it: from our server (GET /api/models, the server's upstream
 * merged with CUSTOM_MODELS) or, in own-key mode, straight from the user's endpoint's /v1/models.
 * Never throws: a list that cannot be read leaves `fallback` (the configured list) with the reason.
 */
import type { LiveListStatus, ModelListResponse, ModelOption } from "@/lib/api-types";
import { AppError } from "@/lib/errors";
import { classifyUpstreamError } from "@/lib/upstream/errors";
import { mergeLiveModels, parseModelsBody } from "@/lib/models/live-list";
import { errorFromResponse, networkError, requestFor, type ApiTarget } from "./api";

const now = () => Math.round(performance.timeOrigin + performance.now());

function failed(fallback: ModelOption[], defaultModel: string, restricted: boolean, error: AppError): ModelListResponse {
  return { models: fallback, defaultModel, restricted, live: { ok: false, error: error.toInfo(), fetchedAt: now() } };
}

function readServerAnswer(json: unknown): ModelListResponse | null {
  if (!json || typeof json !== "object") return null;
  const j = json as Partial<ModelListResponse>;
  if (!Array.isArray(j.models) || !j.live || typeof j.live !== "object") return null;
  const models = j.models.filter((m): m is ModelOption => !!m && typeof m.id === "string");
  return { models, defaultModel: typeof j.defaultModel === "string" ? j.defaultModel : (models[0]?.id ?? ""), restricted: j.restricted === true, live: j.live as LiveListStatus };
}

export async function fetchModelList(
  target: ApiTarget,
  configured: { models: ModelOption[]; defaultModel: string; restricted: boolean },
  refresh = false,
): Promise<ModelListResponse> {
  const { models: fallback, defaultModel, restricted } = configured;
  if (target.via === "server") {
    const headers: Record<string, string> = target.accessCode ? { "x-access-code": target.accessCode } : {};
    let res: Response;
    try {
      res = await fetch(`/api/models${refresh ? "?refresh=1" : ""}`, { headers, cache: "no-store" });
    } catch (err) {
      return failed(fallback, defaultModel, restricted, networkError(err, "server"));
    }
    if (!res.ok) return failed(fallback, defaultModel, restricted, await errorFromResponse(res));
    const read = readServerAnswer(await res.json().catch(() => null));
    return read ?? failed(fallback, defaultModel, restricted, new AppError({ code: "unknown", status: res.status, message: "The server's model list could not be read" }));
  }
  // Own key: the user's endpoint, with the user's key, from the browser (the server never sees it).
  const spec = requestFor(target, "v1/models");
  delete spec.headers["Content-Type"];
  let res: Response;
  try {
    res = await fetch(spec.url, { headers: spec.headers, cache: "no-store" });
  } catch (err) {
    return failed(fallback, defaultModel, false, networkError(err, "direct"));
  }
  const text = await res.text().catch(() => "");
  const read = res.ok ? parseModelsBody(text) : null;
  if (!read?.ok) {
    // A 2xx that is no list is read like an error body (HTML page, a relay's 200 with {"error"}).
    return failed(fallback, defaultModel, false, classifyUpstreamError(res.status, text, res.headers));
  }
  // The server's CUSTOM_MODELS is about the server's upstream: an own endpoint's list stands as it is.
  const list = mergeLiveModels(read.ids, "", "");
  return { models: list.models, defaultModel: list.defaultModel, restricted: false, live: { ok: true, count: read.ids.length, fetchedAt: now() } };
}
