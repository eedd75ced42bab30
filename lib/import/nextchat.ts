/**
 * NextChat (ChatGPTNextWeb/NextChat) backups: Settings → Sync → Export writes `Backup-<date>.json`,
 * the non-function state of its persisted stores keyed by store name (app/utils/sync.ts). Sessions
 * live in `chat-next-web-store`, masks (system-prompt presets) in `mask-store`. Access keys and
 * app settings in the same file are never read.
 */
import { z } from "./zod";
import { linkChain } from "@/lib/chat/thread";
import type { ChatMessage, Conversation } from "@/lib/types";
import { conversationOf, looseId, looseNumber, pickOverrides } from "./common";
import { contentSchema, maskSchema, paramsOf, promptFromMask, systemOf, textOf } from "./nextchat-mask";
import { parseLocaleDate } from "./locale-date";
import { fromZod, refuse, type ParseOutcome } from "./problem";

export const NEXTCHAT_STORE = "chat-next-web-store";

const messageSchema = z.looseObject({
  id: looseId,
  role: z.enum(["system", "user", "assistant"]),
  content: contentSchema,
  date: z.string().nullish(),
  streaming: z.boolean().nullish(),
  isError: z.boolean().nullish(),
  model: z.string().nullish(),
});

const sessionSchema = z.looseObject({
  id: looseId,
  topic: z.string().nullish(),
  messages: z.array(messageSchema),
  lastUpdate: looseNumber,
  clearContextIndex: looseNumber,
  mask: maskSchema.nullish(),
});

const backupSchema = z.looseObject({
  [NEXTCHAT_STORE]: z.looseObject({ sessions: z.array(sessionSchema) }),
  "mask-store": z.looseObject({ masks: z.record(z.string(), maskSchema) }).nullish(),
});

type Session = z.infer<typeof sessionSchema>;

const NOUNS = { sessions: "session", messages: "message", masks: "mask", context: "item" } as const;
// Topics NextChat gives a chat before it has one of its own (its locales' DEFAULT_TOPIC).
const DEFAULT_TOPICS = new Set(["新的聊天", "New Conversation", "新的對話", "新しいチャット", "새로운 채팅"]);

export function isNextChat(data: unknown): boolean {
  return !!data && typeof data === "object" && !Array.isArray(data) && NEXTCHAT_STORE in data;
}

function messagesOf(s: Session, fallbackTime: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  const seen = new Set<string>();
  const clearAt = s.clearContextIndex ?? 0;
  let time = s.lastUpdate ?? fallbackTime;
  // The first message without a readable date takes the session's; later ones their predecessor's.
  const firstDate = s.messages.map((m) => parseLocaleDate(m.date ?? "")).find((t) => t !== null);
  if (firstDate != null) time = firstDate;
  s.messages.forEach((m, i) => {
    const content = textOf(m.content);
    if (!content.trim()) return;
    time = parseLocaleDate(m.date ?? "") ?? time;
    // NextChat has had duplicate ids; this app keys messages by id within a conversation.
    const id = seen.has(m.id) ? `${m.id}~${i}` : m.id;
    seen.add(id);
    const status = m.streaming ? "interrupted" : m.isError && m.role === "assistant" ? "error" : "done";
    const msg: ChatMessage = { id, role: m.role, content, status, createdAt: time };
    if (m.model && m.role === "assistant") msg.model = m.model;
    // "Clear context" starts at index clearContextIndex: the message before it ends a topic.
    if (clearAt > 0 && i < clearAt) msg.topicBreak = true;
    out.push(msg);
  });
  // Only the last message before the clear keeps the mark.
  let marked = false;
  for (let i = out.length - 1; i >= 0; i--) {
    if (!out[i].topicBreak) continue;
    if (marked) delete out[i].topicBreak;
    marked = true;
  }
  return linkChain(out);
}

function conversationFrom(s: Session, fallbackTime: number): Conversation | null {
  const messages = messagesOf(s, fallbackTime);
  if (!messages.length) return null; // NextChat's own merge skips empty chats too
  // A session's mask config applies only when the chat does not follow the global settings.
  const params = s.mask?.syncGlobalConfig === false ? paramsOf(s.mask.modelConfig) : {};
  const overrides = { ...params, ...pickOverrides({ systemPrompt: systemOf(s.mask) }) };
  const topic = s.topic && !DEFAULT_TOPICS.has(s.topic) ? s.topic : "";
  return conversationOf({ id: `nextchat:${s.id}`, title: topic, updatedAt: s.lastUpdate, messages, overrides }, fallbackTime);
}

export function parseNextChat(data: unknown, fallbackTime: number): ParseOutcome {
  const r = backupSchema.safeParse(data, { reportInput: true });
  if (!r.success) return refuse(fromZod("nextchat", r.error, NOUNS));
  const conversations = r.data[NEXTCHAT_STORE].sessions.map((s) => conversationFrom(s, fallbackTime)).filter((c) => c !== null);
  const masks = Object.entries(r.data["mask-store"]?.masks ?? {});
  // Built-in masks are not stored in a backup; were one there, it is NextChat's, not the user's.
  const prompts = masks.filter(([, m]) => !m.builtin).map(([key, m]) => promptFromMask(key, m, fallbackTime)).filter((p) => p !== null);
  if (!conversations.length && !prompts.length) return refuse({ code: "empty", format: "nextchat" });
  return { ok: true, bundle: prompts.length ? { conversations, prompts } : { conversations } };
}
