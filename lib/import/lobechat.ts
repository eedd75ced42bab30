/**
 * LobeChat's config export (Settings → Data → Export, `LobeChat-…-v<version>.json`):
 * `{ exportType, state: { sessions, topics, messages, … }, version }`. Since version 2 (late 2023)
 * messages are flat rows carrying `sessionId`, `topicId` and `parentId`; each topic becomes one
 * conversation, and the messages of a session outside any topic another. User messages usually
 * carry no `parentId`: they follow the message before them. Settings (with key vaults) are ignored.
 */
import { z } from "./zod";
import type { ChatMessage, Conversation } from "@/lib/types";
import { conversationOf, looseId, looseNumber, pickOverrides } from "./common";
import { fromZod, refuse, type ParseOutcome } from "./problem";
import { connectTree, type SourceNode } from "./tree";

// Times are epoch milliseconds; some sessions carry ISO strings.
const time = z.union([z.number(), z.string(), z.null()]).optional().transform((v) => {
  const t = typeof v === "string" ? Date.parse(v) : v;
  return typeof t === "number" && Number.isFinite(t) ? t : undefined;
});

const messageSchema = z.looseObject({
  id: looseId,
  role: z.string(),
  content: z.string().nullish(),
  parentId: z.string().nullish(),
  topicId: z.string().nullish(),
  sessionId: z.string().nullish(),
  createdAt: time,
  error: z.looseObject({ type: z.unknown(), message: z.unknown() }).nullish(),
  fromModel: z.string().nullish(),
  extra: z.looseObject({ fromModel: z.string().nullish() }).nullish(),
});

const topicSchema = z.looseObject({ id: looseId, title: z.string().nullish(), sessionId: z.string().nullish(), createdAt: time, updatedAt: time });

const chatConfigSchema = z.looseObject({ historyCount: looseNumber, enableHistoryCount: z.boolean().nullish(), enableMaxTokens: z.boolean().nullish() });
const sessionSchema = z.looseObject({
  id: looseId,
  meta: z.looseObject({ title: z.string().nullish() }).nullish(),
  config: chatConfigSchema
    .extend({ model: z.string().nullish(), systemRole: z.string().nullish(), params: z.record(z.string(), z.unknown()).nullish(), chatConfig: chatConfigSchema.nullish() })
    .nullish(),
});

const fileSchema = z.looseObject({
  version: z.number(),
  state: z.looseObject({
    sessions: z.array(sessionSchema).nullish(),
    topics: z.array(topicSchema).nullish(),
    messages: z.array(messageSchema).nullish(),
  }),
});

type Message = z.infer<typeof messageSchema>;
type Session = z.infer<typeof sessionSchema>;

const NOUNS = { sessions: "session", topics: "topic", messages: "message" } as const;

export function isLobeChat(data: unknown): boolean {
  if (!data || typeof data !== "object" || Array.isArray(data)) return false;
  const d = data as { state?: unknown; version?: unknown; exportType?: unknown };
  return !!d.state && typeof d.state === "object" && (typeof d.version === "number" || typeof d.exportType === "string");
}

/** LobeChat's newer database dump (`{ data, mode: "pglite" | "postgres", schemaHash }`). */
export function isLobeChatDatabase(data: unknown): boolean {
  const d = data as { mode?: unknown; schemaHash?: unknown } | null;
  return !!d && typeof d === "object" && (d.mode === "pglite" || d.mode === "postgres") && typeof d.schemaHash === "string";
}

function overridesOf(s: Session | undefined) {
  const c = s?.config;
  if (!c) return {};
  const chat = { ...c, ...c.chatConfig };
  const params = { ...c.params };
  // LobeChat keeps max_tokens in params even while its switch is off.
  if (!chat.enableMaxTokens) delete params.max_tokens;
  return pickOverrides({
    ...params,
    model: c.model,
    systemPrompt: c.systemRole,
    historyCount: chat.enableHistoryCount ? chat.historyCount : undefined,
  });
}

function nodeOf(m: Message): SourceNode {
  const parent = m.parentId ?? undefined;
  const role = m.role;
  if (role !== "user" && role !== "assistant" && role !== "system") return { id: m.id, parent, message: null };
  // A failed answer holds LobeChat's "..." placeholder; the error says more.
  const errorText = m.error ? String(m.error.message ?? m.error.type ?? "") : "";
  const content = m.error && (m.content ?? "").trim() === "..." && errorText ? errorText : (m.content ?? "");
  if (!content.trim()) return { id: m.id, parent, message: null }; // tool-call turns have no text
  const message: Omit<ChatMessage, "parentId"> = { id: m.id, role, content, status: m.error ? "error" : "done", createdAt: m.createdAt ?? 0 };
  const model = m.fromModel ?? m.extra?.fromModel;
  if (role === "assistant" && model) message.model = model;
  return { id: m.id, parent, message };
}

export function parseLobeChat(data: unknown, fallbackTime: number): ParseOutcome {
  const version = (data as { version?: unknown }).version;
  const sessionsRaw = (data as { state: { sessions?: unknown } }).state.sessions;
  // Version 1 (2023) kept chats inside a keyed session map; LobeChat migrates it on import.
  if ((typeof version === "number" && version < 2) || (sessionsRaw && !Array.isArray(sessionsRaw))) {
    return refuse({ code: "tooOld", format: "lobechat", version: typeof version === "number" ? version : 1 });
  }
  const r = fileSchema.safeParse(data, { reportInput: true });
  if (!r.success) return refuse(fromZod("lobechat", r.error, NOUNS));
  const { sessions, topics, messages } = r.data.state;
  const sessionById = new Map((sessions ?? []).map((s) => [s.id, s]));
  const topicById = new Map((topics ?? []).map((t) => [t.id, t]));

  // Stable sort by time: the order rows were written, which the tree links rely on.
  const sorted = (messages ?? []).map((m) => ({ ...m, createdAt: m.createdAt ?? fallbackTime })).sort((a, b) => a.createdAt - b.createdAt);
  const groups = new Map<string, Message[]>();
  for (const m of sorted) {
    const key = m.topicId ? `topic:${m.topicId}` : `session:${m.sessionId ?? "inbox"}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }

  const conversations: Conversation[] = [];
  for (const list of groups.values()) {
    const msgs = connectTree(list.map(nodeOf), "previous");
    if (!msgs.length) continue;
    const topic = list[0].topicId ? topicById.get(list[0].topicId) : undefined;
    const sessionId = topic?.sessionId ?? list[0].sessionId ?? "inbox";
    const session = sessionById.get(sessionId);
    const title = topic?.title ?? session?.meta?.title ?? "";
    const id = list[0].topicId ? `lobechat:${list[0].topicId}` : `lobechat:session:${sessionId}`;
    conversations.push(conversationOf({ id, title, createdAt: topic?.createdAt, updatedAt: topic?.updatedAt, messages: msgs, overrides: overridesOf(session) }, fallbackTime));
  }
  if (!conversations.length) return refuse({ code: "empty", format: "lobechat" });
  return { ok: true, bundle: { conversations } };
}
