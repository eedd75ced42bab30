/**
 * Step 2, "URL form": which form of the configured endpoint answers like an API. The forms probed
 * are all on the configured host: the configured one (as this client joins it), the same without
 * `/v1`, and, when BASE_URL has a path, the bare host and host + `/v1`. Probes carry no key: an
 * API answers a keyless GET of its model list with a JSON 401, a web site with HTML.
 */
import { hasVersionPath, joinApiUrl } from "../../upstream/base-url";
import { findErrorFields, looksLikeHtml, tryParseJson } from "../../upstream/body";
import { parseModelsBody } from "../../models/live-list";
import { classifyHtml, type HtmlPage } from "./html-page";
import type { Note, Probe, StepResult } from "./types";

export interface UrlForm {
  id: "configured" | "noV1" | "host" | "hostV1";
  /** The BASE_URL this form stands for (no credentials: roots never carry them). */
  base: string;
  /** The model-list URL probed for it. */
  url: string;
  /** Whether setting `base` as BASE_URL makes this client call `url` (false for "no /v1" forms). */
  settable: boolean;
}

/** The forms to probe for a normalised root (lib/upstream/base-url.ts), the configured one first. */
export function urlForms(root: string): UrlForm[] {
  const forms: UrlForm[] = [];
  const add = (form: UrlForm) => forms.some((f) => f.url === form.url) || forms.push(form);
  const versioned = hasVersionPath(root);
  add({ id: "configured", base: versioned ? root : `${root}/v1`, url: joinApiUrl(root, "v1/models"), settable: true });
  if (!versioned) add({ id: "noV1", base: root, url: `${root}/models`, settable: false });
  const origin = new URL(root).origin;
  if (origin !== root) {
    add({ id: "hostV1", base: `${origin}/v1`, url: `${origin}/v1/models`, settable: true });
    add({ id: "host", base: origin, url: `${origin}/models`, settable: false });
  }
  return forms;
}

export type ProbeReading =
  | { kind: "api_list" | "api_auth" | "api_error" | "api_not_found" | "other"; status: number }
  | { kind: "html"; status: number; page: HtmlPage }
  | { kind: "redirect"; status: number; location: string }
  | { kind: "failed" };

/** What one probe's answer looks like. */
export function readProbe(probe: Probe): ProbeReading {
  if (!probe.ok) return { kind: "failed" };
  const { status, text, contentType, location } = probe.answer;
  if (status >= 300 && status < 400) return { kind: "redirect", status, location: location ?? "" };
  if (looksLikeHtml(text, contentType)) return { kind: "html", status, page: classifyHtml(status, text) };
  if (status >= 200 && status < 300 && parseModelsBody(text).ok) return { kind: "api_list", status };
  if (findErrorFields(tryParseJson(text), true)) {
    if (status === 404 || status === 405) return { kind: "api_not_found", status };
    return { kind: status === 401 || status === 403 ? "api_auth" : "api_error", status };
  }
  return { kind: "other", status };
}

const isApi = (r: ProbeReading) => r.kind === "api_list" || r.kind === "api_auth" || r.kind === "api_error";

/** What the configured form answered, in words. */
function answered(form: UrlForm, reading: ProbeReading): Note {
  const values = { url: form.url, status: "status" in reading ? reading.status : 0 };
  switch (reading.kind) {
    case "html":
      return { key: `url.html.${reading.page.kind}`, values: { ...values, title: reading.page.title ?? "" } };
    case "redirect":
      return { key: "url.redirect", values: { ...values, location: reading.location } };
    case "api_not_found":
      return { key: "url.notFound", values };
    case "failed":
      return { key: "url.failed", values };
    default:
      return { key: "url.other", values };
  }
}

/** The fix when no form answers like an API: it depends on what answered instead. */
function fixFor(reading: ProbeReading): Note {
  if (reading.kind === "html") return { key: `url.fix.${reading.page.kind}` };
  if (reading.kind === "redirect") return { key: "url.fix.redirect", values: { location: reading.location } };
  if (reading.kind === "api_not_found") return { key: "url.fix.not_found" };
  return { key: "url.fix.other" };
}

/** The verdict over every form's probe (`results` in urlForms' order, the configured form first). */
export function urlStep(results: ReadonlyArray<{ form: UrlForm; probe: Probe }>): StepResult {
  const ms = Math.max(0, ...results.map(({ probe }) => (probe.ok ? probe.answer.ms : probe.ms)));
  const [configured, ...others] = results.map((r) => ({ ...r, reading: readProbe(r.probe) }));
  if (isApi(configured.reading)) return { step: "url", status: "ok", ms, finding: { key: "url.ok", values: { base: configured.form.base } } };
  const finding = answered(configured.form, configured.reading);
  const better = others.find((o) => o.form.settable && isApi(o.reading));
  if (better) {
    return { step: "url", status: "fail", ms, finding, fix: { key: "url.fix.set", values: { base: better.form.base }, code: `BASE_URL=${better.form.base}` } };
  }
  const noV1 = others.find((o) => isApi(o.reading));
  if (noV1) return { step: "url", status: "fail", ms, finding, fix: { key: "url.fix.noV1", values: { url: noV1.form.url } } };
  return { step: "url", status: "fail", ms, finding, fix: fixFor(configured.reading) };
}
