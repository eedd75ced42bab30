/**
 * Why an import was refused, as data: the UI says it in the user's language, and tests check the
 * structure rather than the wording. Every refusal names the format the file looked like and,
 * for a malformed file, where in that format's own structure the problem is.
 */
import type { z } from "zod";
import { translate, type Lang, type UiKey } from "@/lib/i18n";
import type { ImportBundle } from "./transfer";

export type ImportFormat = "relaychat" | "nextchat" | "nextchatmask" | "chatgpt" | "lobechat" | "betterchatgpt";

export type WhereNoun = "conversation" | "message" | "ledger" | "session" | "topic" | "mask" | "chat" | "node" | "prompt" | "item";
/** One step of a path: a field name, or a numbered/keyed thing ("message 3", "node abc"). */
export type WherePart = string | { noun: WhereNoun; n: number | string };

export type Issue =
  | { kind: "missing" }
  | { kind: "type"; expected: string }
  | { kind: "value"; options: string[] }
  | { kind: "invalid" };

export type ImportProblem =
  | { code: "notJson" }
  | { code: "unknown" }
  | { code: "otherTag"; tag: string }
  | { code: "newer"; format: ImportFormat; version: number }
  | { code: "tooOld"; format: ImportFormat; version: number }
  | { code: "malformed"; format: ImportFormat; where: WherePart[]; issue: Issue; more: number }
  | { code: "duplicate"; format: ImportFormat; id: string }
  | { code: "empty"; format: ImportFormat }
  | { code: "variant"; format: ImportFormat; variant: string };

export type ParseOutcome = { ok: true; bundle: ImportBundle } | { ok: false; problem: ImportProblem };

export const refuse = (problem: ImportProblem): ParseOutcome => ({ ok: false, problem });

/**
 * A zod error as a problem. `nouns` names the collections of the format ("sessions" → session):
 * the key after such a field (an index or a record key) becomes "session 3" or "node abc".
 * `top` names the items of a file that is a bare array.
 */
export function fromZod(format: ImportFormat, error: z.ZodError, nouns: Record<string, WhereNoun>, top: WhereNoun = "item"): ImportProblem {
  const issue = error.issues[0];
  const where: WherePart[] = [];
  const path = issue.path;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof key === "string" && Object.hasOwn(nouns, key) && next !== undefined && typeof next !== "symbol") {
      where.push({ noun: nouns[key], n: typeof next === "number" ? next + 1 : next });
      i++;
    } else if (typeof key === "number") {
      where.push({ noun: i === 0 ? top : "item", n: key + 1 });
    } else {
      where.push(String(key));
    }
  }
  return { code: "malformed", format, where, issue: issueOf(issue), more: error.issues.length - 1 };
}

function issueOf(issue: z.core.$ZodIssue): Issue {
  // Parsed with `reportInput: true`; JSON has no undefined, so an undefined input is an absent field.
  const absent = (issue as { input?: unknown }).input === undefined;
  if (issue.code === "invalid_type") return absent ? { kind: "missing" } : { kind: "type", expected: String(issue.expected) };
  if (issue.code === "invalid_value") return absent ? { kind: "missing" } : { kind: "value", options: issue.values.map((v) => JSON.stringify(v)) };
  return { kind: "invalid" };
}

const TYPE_KEYS: Record<string, UiKey> = {
  string: "import.type.string",
  number: "import.type.number",
  array: "import.type.array",
  object: "import.type.object",
  boolean: "import.type.boolean",
};

function describeWhere(lang: Lang, where: WherePart[]): string {
  return where
    .map((p) => (typeof p === "string" ? p : translate(lang, `import.where.${p.noun}` as UiKey, { n: p.n })))
    .join(" › ");
}

function describeIssue(lang: Lang, issue: Issue): string {
  switch (issue.kind) {
    case "missing":
      return translate(lang, "import.issue.missing");
    case "type": {
      const key = TYPE_KEYS[issue.expected];
      return translate(lang, "import.issue.type", { expected: key ? translate(lang, key) : issue.expected });
    }
    case "value":
      return translate(lang, "import.issue.value", { options: issue.options.join(", ") });
    default:
      return translate(lang, "import.issue.invalid");
  }
}

export function formatName(lang: Lang, format: ImportFormat): string {
  return translate(lang, `import.format.${format}` as UiKey);
}

/** The refusal in words, for the alert the user sees. */
export function describeProblem(lang: Lang, p: ImportProblem): string {
  switch (p.code) {
    case "notJson":
      return translate(lang, "import.problem.notJson");
    case "unknown":
      return translate(lang, "import.problem.unknown");
    case "otherTag":
      return translate(lang, "import.problem.otherTag", { tag: p.tag });
    case "newer":
      return translate(lang, "import.problem.newer", { format: formatName(lang, p.format), version: p.version });
    case "tooOld":
      return translate(lang, "import.problem.tooOld", { format: formatName(lang, p.format), version: p.version });
    case "duplicate":
      return translate(lang, "import.problem.duplicate", { format: formatName(lang, p.format), id: p.id });
    case "empty":
      // A mask export holds prompts, never conversations.
      return translate(lang, p.format === "nextchatmask" ? "import.problem.emptyMasks" : "import.problem.empty", { format: formatName(lang, p.format) });
    case "variant":
      return translate(lang, "import.problem.variant", { format: formatName(lang, p.format), variant: p.variant });
    case "malformed": {
      const more = p.more > 0 ? translate(lang, "import.problem.more", { count: p.more }) : "";
      const where = describeWhere(lang, p.where);
      return translate(lang, "import.problem.malformed", {
        format: formatName(lang, p.format),
        where: where || translate(lang, "import.where.top"),
        issue: describeIssue(lang, p.issue),
        more,
      });
    }
  }
}
