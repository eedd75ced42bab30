/**
 * Step 6, "Who answered": the `model` each answer names against the one requested, and the
 * `system_fingerprint` when sent. Relays map names (a dated snapshot, an alias, a cheaper fallback
 * channel), so a dated snapshot of the requested model is fine and anything else is worth a
 * question to the relay. The identity probes' answers are shown beside this verdict, never in it.
 */
import { normalizeModelName } from "../../models/model-match";
import type { AnswerSource, Note, StepResult } from "./types";

/** A dated or versioned snapshot of the requested model: "gpt-4o-2024-08-06" for "gpt-4o". */
export function isSnapshotOf(answered: string, requested: string): boolean {
  const a = normalizeModelName(answered);
  const r = normalizeModelName(requested);
  if (!a.startsWith(`${r}-`)) return false;
  return /^(\d{4}-?\d{2}-?\d{2}|\d{4}|\d{3,}|latest|preview|\d{4}-preview)$/.test(a.slice(r.length + 1));
}

export function identityStep(requested: string, sources: readonly AnswerSource[]): StepResult {
  const names = [...new Set(sources.map((s) => s.model?.trim()).filter((m): m is string => !!m))];
  const fingerprints = [...new Set(sources.map((s) => s.fingerprint).filter((f): f is string => !!f))];
  const details: Note[] = fingerprints.length ? [{ key: "identity.fingerprint", values: { fingerprint: fingerprints.join(", ") } }] : [{ key: "identity.noFingerprint" }];
  if (sources.length === 0) return { step: "identity", status: "skipped", finding: { key: "identity.notRun" } };
  if (names.length === 0) return { step: "identity", status: "warn", finding: { key: "identity.unnamed", values: { requested } }, fix: { key: "identity.fix.unnamed" }, details };
  const same = (n: string) => normalizeModelName(n) === normalizeModelName(requested);
  const others = names.filter((n) => !same(n) && !isSnapshotOf(n, requested));
  if (others.length > 0) {
    return { step: "identity", status: "warn", finding: { key: "identity.other", values: { requested, answered: others.join(", ") } }, fix: { key: "identity.fix.other", values: { requested } }, details };
  }
  const snapshot = names.find((n) => !same(n));
  if (snapshot) return { step: "identity", status: "ok", finding: { key: "identity.snapshot", values: { requested, answered: snapshot } }, details };
  return { step: "identity", status: "ok", finding: { key: "identity.same", values: { requested } }, details };
}
