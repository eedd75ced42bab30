/** Small pieces the foreign-format parsers share. */
import { z } from "./zod";
import { leafIdOf } from "@/lib/chat/thread";
import { localTitle } from "@/lib/title";
import type { ChatMessage, ChatParams, Conversation } from "@/lib/types";

/** A number that may arrive as null, a string or nothing in hand-kept or older files. */
export const looseNumber = z.union([z.number(), z.string(), z.null()]).optional().transform((v) => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
});

/** Ids are strings in current files but were numbers in some older ones. */
export const looseId = z.union([z.string(), z.number()]).transform(String);

/** FNV-1a, for a stable id when the source gives none (same file, same id on every import). */
export function stableHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

type Params = Partial<Record<keyof ChatParams, unknown>>;

/** The parameters this app knows, kept only when they have the right type. */
export function pickOverrides(p: Params): Partial<ChatParams> {
  const out: Partial<ChatParams> = {};
  const nums = ["temperature", "top_p", "max_tokens", "presence_penalty", "frequency_penalty", "historyCount"] as const;
  for (const k of nums) {
    const v = p[k];
    if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  }
  if (typeof p.model === "string" && p.model) out.model = p.model;
  if (typeof p.systemPrompt === "string" && p.systemPrompt.trim()) out.systemPrompt = p.systemPrompt;
  return out;
}

interface Draft {
  id: string;
  title: string;
  createdAt?: number;
  updatedAt?: number;
  messages: ChatMessage[];
  leafId?: string | null;
  overrides?: Partial<ChatParams>;
}

/** A conversation in this app's shape; an untitled one is named after its first question. */
export function conversationOf(d: Draft, fallbackTime: number): Conversation {
  const first = d.messages[0]?.createdAt;
  const last = d.messages.reduce((t, m) => Math.max(t, m.createdAt), 0);
  const createdAt = d.createdAt ?? first ?? d.updatedAt ?? fallbackTime;
  const question = d.messages.find((m) => m.role === "user")?.content ?? "";
  const title = d.title.trim() || localTitle(question);
  return {
    id: d.id,
    title,
    titleSettled: title !== "",
    createdAt,
    updatedAt: Math.max(d.updatedAt ?? 0, last, createdAt),
    messages: d.messages,
    leafId: leafIdOf({ messages: d.messages, leafId: d.leafId }),
    overrides: d.overrides ?? {},
    ledger: [],
  };
}
