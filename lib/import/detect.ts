/**
 * Which format a file is, told by its content (never its name), and the one parse of it. A file is
 * read with JSON.parse once; each format's parser validates it whole, so a refusal comes before
 * anything is shown or changed.
 */
import { isBetterChatGpt, parseBetterChatGpt } from "./betterchatgpt";
import { isChatGpt, parseChatGpt } from "./chatgpt";
import { isLobeChat, isLobeChatDatabase, parseLobeChat } from "./lobechat";
import { isNextChat, parseNextChat } from "./nextchat";
import { isNextChatMasks, parseNextChatMasks } from "./nextchat-mask";
import type { ImportFormat, ImportProblem, ParseOutcome } from "./problem";
import { EXPORT_FORMAT, parseRelayChat, type ImportBundle } from "./transfer";

export type ImportOutcome = { ok: true; format: ImportFormat; bundle: ImportBundle } | { ok: false; problem: ImportProblem };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** The format the data looks like, or null when it looks like none of them. */
export function detectFormat(data: unknown): ImportFormat | null {
  if (isObject(data) && data.format === EXPORT_FORMAT) return "relaychat";
  if (isNextChat(data)) return "nextchat";
  if (isNextChatMasks(data)) return "nextchatmask";
  if (isLobeChat(data) || isLobeChatDatabase(data)) return "lobechat";
  if (isChatGpt(data)) return "chatgpt";
  if (isBetterChatGpt(data)) return "betterchatgpt";
  // This app's older exports could be a bare array of conversations.
  if (Array.isArray(data) && data.length > 0 && isObject(data[0]) && Array.isArray(data[0].messages)) return "relaychat";
  return null;
}

function parseAs(format: ImportFormat, data: unknown, fallbackTime: number): ParseOutcome {
  switch (format) {
    case "relaychat":
      return parseRelayChat(data);
    case "nextchat":
      return parseNextChat(data, fallbackTime);
    case "nextchatmask":
      return parseNextChatMasks(data, fallbackTime);
    case "chatgpt":
      return parseChatGpt(data, fallbackTime);
    case "betterchatgpt":
      return parseBetterChatGpt(data, fallbackTime);
    case "lobechat":
      return isLobeChatDatabase(data) ? { ok: false, problem: { code: "variant", format, variant: "PGlite / Postgres database export" } } : parseLobeChat(data, fallbackTime);
  }
}

/**
 * The file's text → what it holds, in this app's shapes. `fallbackTime` dates messages of formats
 * that carry no times (BetterChatGPT); pass the file's last-modified time.
 */
export function readImport(text: string, fallbackTime: number): ImportOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: { code: "notJson" } };
  }
  const format = detectFormat(data);
  if (!format) {
    const tag = isObject(data) ? data.format : undefined;
    return { ok: false, problem: typeof tag === "string" ? { code: "otherTag", tag: JSON.stringify(tag) } : { code: "unknown" } };
  }
  const r = parseAs(format, data, fallbackTime);
  if (!r.ok) return r;
  const { bundle } = r;
  const seen = new Set<string>();
  for (const c of bundle.conversations) {
    if (seen.has(c.id)) return { ok: false, problem: { code: "duplicate", format, id: JSON.stringify(c.id) } };
    seen.add(c.id);
  }
  if (!bundle.conversations.length && !bundle.prompts?.length && !bundle.ledger?.length) return { ok: false, problem: { code: "empty", format } };
  return { ok: true, format, bundle };
}
