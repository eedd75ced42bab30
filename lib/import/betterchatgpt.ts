/**
 * BetterChatGPT (ztjhz/BetterChatGPT) exports: `{ chats, folders, version: 1 }` (ExportChat), or the
 * older bare array of chats whose `folder` is a folder name. Messages are `{ role, content }` with
 * neither ids nor times, so ids come from the position and times from the file's date.
 */
import { z } from "./zod";
import { linkChain } from "@/lib/chat/thread";
import type { ChatMessage, Conversation } from "@/lib/types";
import { conversationOf, pickOverrides, stableHash } from "./common";
import { fromZod, refuse, type ParseOutcome } from "./problem";

const chatSchema = z.looseObject({
  id: z.string().nullish(),
  title: z.string().nullish(),
  titleSet: z.boolean().nullish(),
  messages: z.array(z.looseObject({ role: z.enum(["system", "user", "assistant"]), content: z.string() })),
  config: z.record(z.string(), z.unknown()).nullish(),
});

const exportSchema = z.looseObject({ chats: z.array(chatSchema).nullish(), version: z.number().nullish() });

type Chat = z.infer<typeof chatSchema>;

const NOUNS = { chats: "chat", messages: "message" } as const;

const looksLikeChat = (c: unknown) => {
  if (!c || typeof c !== "object" || "mapping" in c) return false;
  const chat = c as { messages?: unknown; config?: unknown; titleSet?: unknown };
  if (!Array.isArray(chat.messages)) return false;
  const first = chat.messages[0] as { id?: unknown } | undefined;
  return "config" in chat || "titleSet" in chat || (!!first && !("id" in first));
};

export function isBetterChatGpt(data: unknown): boolean {
  if (Array.isArray(data)) return data.length > 0 && looksLikeChat(data[0]);
  if (!data || typeof data !== "object") return false;
  const d = data as { chats?: unknown; folders?: unknown; version?: unknown; state?: unknown };
  return Array.isArray(d.chats) || (!!d.folders && typeof d.version === "number" && !d.state);
}

// BetterChatGPT names a chat "New Chat" until it gets a title.
const DEFAULT_TITLE = "New Chat";

function conversationFrom(chat: Chat, fallbackTime: number): Conversation | null {
  const list = chat.messages;
  // The leading system message is the chat's system prompt, as this app keeps it.
  const system = list[0]?.role === "system" ? list[0].content : "";
  const start = system ? 1 : 0;
  const messages: ChatMessage[] = [];
  for (let i = start; i < list.length; i++) {
    const m = list[i];
    if (!m.content.trim()) continue;
    // No times in the file: keep the order with one millisecond apart.
    messages.push({ id: `m${i}`, role: m.role, content: m.content, status: "done", createdAt: fallbackTime + i });
  }
  if (!messages.length) return null;
  const sourceId = chat.id ?? stableHash(`${chat.title ?? ""}|${list.map((m) => m.content).join("\n").slice(0, 2000)}`);
  const untitled = !chat.title || (chat.title === DEFAULT_TITLE && !chat.titleSet);
  return conversationOf(
    {
      id: `betterchatgpt:${sourceId}`,
      title: untitled ? "" : (chat.title ?? ""),
      createdAt: fallbackTime,
      messages: linkChain(messages),
      overrides: pickOverrides({ ...chat.config, systemPrompt: system }),
    },
    fallbackTime,
  );
}

export function parseBetterChatGpt(data: unknown, fallbackTime: number): ParseOutcome {
  let chats: Chat[];
  if (Array.isArray(data)) {
    const r = z.array(chatSchema).safeParse(data, { reportInput: true });
    if (!r.success) return refuse(fromZod("betterchatgpt", r.error, NOUNS, "chat"));
    chats = r.data;
  } else {
    const r = exportSchema.safeParse(data, { reportInput: true });
    if (!r.success) return refuse(fromZod("betterchatgpt", r.error, NOUNS));
    chats = r.data.chats ?? [];
  }
  const conversations = chats.map((c) => conversationFrom(c, fallbackTime)).filter((c) => c !== null);
  if (!conversations.length) return refuse({ code: "empty", format: "betterchatgpt" });
  return { ok: true, bundle: { conversations } };
}
