/**
 * Step 4, "Model": the chosen model is in the endpoint's list (a near match by case or spelling is
 * offered: "did you mean gpt-4o?"), and a one-token, non-streamed completion succeeds. one-api's
 * "no available channel" (无可用渠道) and "model not found" are named with the exact model string:
 * relays match names exactly, case included.
 */
import type { ErrorInfo } from "../../errors";
import { classifyUpstreamError } from "../../upstream/errors";
import { answerHeaders } from "./key";
import type { Note, Probe, StepResult } from "./types";

/** Edit distance with adjacent swaps counted as one edit ("mnii" → "mini"). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

const squash = (s: string) => s.toLowerCase().replace(/[-_.\s/:]/g, "");

/** Listed names close to `model`: same but for case or separators first, then one or two typos. */
export function nearMatches(model: string, ids: readonly string[], max = 3): string[] {
  const wanted = model.trim();
  if (!wanted || ids.includes(wanted)) return [];
  const lower = wanted.toLowerCase();
  // Short names are all within two edits of each other: allow one there.
  const limit = lower.length <= 5 ? 1 : 2;
  const scored: Array<[string, number]> = [];
  for (const id of ids) {
    const l = id.toLowerCase();
    const score = l === lower ? 0 : squash(id) === squash(wanted) ? 0.5 : Math.abs(l.length - lower.length) > limit ? Infinity : editDistance(l, lower);
    if (score <= limit) scored.push([id, score]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].length - y[0].length).slice(0, max).map(([id]) => id);
}

export interface ModelObservation {
  model: string;
  /** The endpoint's list (null: it could not be read). */
  ids: readonly string[] | null;
  /** The one-token completion (null: not sent, see `refused`). */
  completion: Probe | null;
  /** This server refused the model before any call (CUSTOM_MODELS with -all). */
  refused?: ErrorInfo;
}

const hasChoices = (text: string) => {
  try {
    const json = JSON.parse(text) as { choices?: unknown };
    return Array.isArray(json?.choices);
  } catch {
    return false;
  }
};

function fixFor(model: string, near: string[]): Note {
  if (near.length > 0) return { key: "model.fix.didYouMean", values: { model, suggestion: near[0], others: near.slice(1).join(", ") }, code: near[0] };
  return { key: "model.fix.pick", values: { model } };
}

export function modelStep(o: ModelObservation): StepResult {
  const near = o.ids ? nearMatches(o.model, o.ids) : [];
  const listed = o.ids?.includes(o.model) ?? null;
  const values = { model: o.model };
  if (o.refused) return { step: "model", status: "fail", finding: { key: "model.notAllowedHere", values }, fix: fixFor(o.model, near), error: o.refused };
  const c = o.completion;
  if (!c) return { step: "model", status: "skipped", finding: { key: "model.notRun", values } };
  if (!c.ok) return { step: "model", status: "fail", ms: c.ms, finding: { key: "model.unreachable", values }, fix: { key: "key.fix.retry" } };
  const a = c.answer;
  if (a.status >= 200 && a.status < 300 && hasChoices(a.text)) {
    const details: Note[] = [];
    if (listed === false) details.push(near.length ? { key: "model.unlistedNear", values: { model: o.model, suggestion: near[0] } } : { key: "model.unlisted", values });
    return { step: "model", status: listed === false ? "warn" : "ok", ms: a.ms, finding: { key: "model.ok", values: { ...values, ms: a.ms } }, details };
  }
  const error = classifyUpstreamError(a.status, a.text, answerHeaders(a)).toInfo();
  const message = error.upstreamMessage ?? "";
  let finding: Note = { key: "model.failed", values: { ...values, status: a.status } };
  let fix: Note = { key: "model.fix.error" };
  if (error.code === "model_not_found") {
    finding = { key: /无可用渠道|no available channel/i.test(message) ? "model.noChannel" : "model.notFound", values };
    fix = fixFor(o.model, near);
  } else if (/无权使用模型|not allowed to use (the )?model/i.test(message)) {
    finding = { key: "model.notAllowedForKey", values };
    fix = near.length ? fixFor(o.model, near) : { key: "model.fix.allowForKey", values };
  } else if (listed === false && near.length > 0) {
    // Another error, but the name itself is suspect: say both.
    fix = fixFor(o.model, near);
  }
  return { step: "model", status: "fail", ms: a.ms, finding, fix, error: { ...error, model: o.model } };
}
