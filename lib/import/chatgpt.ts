/**
 * ChatGPT's data export (Settings → Data controls → Export): `conversations.json`, an array of
 * conversations whose messages form a tree in `mapping` (node → message, parent, children), with
 * `current_node` the branch shown. Times are Unix seconds. The tree is kept as a tree: hidden,
 * system and tool nodes are dropped and their children attach to the nearest kept ancestor.
 */
import { z } from "./zod";
import type { ChatMessage, Conversation } from "@/lib/types";
import { conversationOf, stableHash } from "./common";
import { fromZod, refuse, type ParseOutcome } from "./problem";
import { connectTree, type SourceNode } from "./tree";

const seconds = z.number().nullish();
// Plain objects: only the fields read here are copied, which matters for a 100+ MB export.

const messageSchema = z.object({
  author: z.object({ role: z.string() }),
  create_time: seconds,
  content: z.object({ content_type: z.string(), parts: z.array(z.unknown()).nullish(), text: z.string().nullish() }),
  status: z.string().nullish(),
  recipient: z.string().nullish(),
  metadata: z
    .looseObject({
      is_visually_hidden_from_conversation: z.boolean().nullish(),
      model_slug: z.string().nullish(),
      finish_details: z.object({ type: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

const nodeSchema = z.object({
  message: messageSchema.nullish(),
  parent: z.string().nullish(),
  children: z.array(z.string()).nullish(),
});

const conversationSchema = z.object({
  title: z.string().nullish(),
  create_time: seconds,
  update_time: seconds,
  mapping: z.record(z.string(), nodeSchema),
  current_node: z.string().nullish(),
  conversation_id: z.string().nullish(),
  id: z.string().nullish(),
});

type Node = z.infer<typeof nodeSchema>;
type Message = z.infer<typeof messageSchema>;
type Raw = z.infer<typeof conversationSchema>;

const NOUNS = { mapping: "node" } as const;

const isMapped = (v: unknown) => !!v && typeof v === "object" && "mapping" in v;

/** An array of conversations with `mapping`, or one such conversation on its own. */
export function isChatGpt(data: unknown): boolean {
  return Array.isArray(data) ? data.length > 0 && isMapped(data[0]) : isMapped(data);
}

/** Parts are strings or objects: images and audio become placeholders a reader can see. */
function partText(part: unknown): string {
  if (typeof part === "string") return part;
  if (!part || typeof part !== "object") return "";
  const p = part as { content_type?: unknown; text?: unknown };
  if (p.content_type === "image_asset_pointer") return "[image]";
  if (p.content_type === "audio_transcription" && typeof p.text === "string") return p.text;
  if (typeof p.content_type === "string" && p.content_type.includes("audio")) return "";
  return "[file]";
}

function textOf(m: Message): string {
  const c = m.content;
  if (c.content_type === "text" || c.content_type === "multimodal_text") return (c.parts ?? []).map(partText).filter(Boolean).join("\n");
  if (c.content_type === "code" && c.text) return "```\n" + c.text + "\n```";
  // thoughts, reasoning_recap, user_editable_context, execution_output, tether_*: not conversation text.
  return "";
}

function kept(m: Message | null | undefined): m is Message {
  if (!m) return false;
  const role = m.author.role;
  if (role !== "user" && role !== "assistant") return false;
  if (m.metadata?.is_visually_hidden_from_conversation) return false;
  // An assistant message to anyone but "all" is a tool call (python, browser, dalle, bio...).
  if (m.recipient && m.recipient !== "all") return false;
  return true;
}

/** Nodes root first, each before its children, siblings in the source's order. */
function walk(mapping: Record<string, Node>): string[] {
  const roots = Object.keys(mapping).filter((id) => {
    const parent = mapping[id].parent;
    return !parent || !(parent in mapping);
  });
  const order: string[] = [];
  const seen = new Set<string>();
  const stack = roots.reverse();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || !(id in mapping)) continue;
    seen.add(id);
    order.push(id);
    const children = mapping[id].children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return order;
}

function conversationFrom(raw: Raw, fallbackTime: number): Conversation | null {
  const start = raw.create_time != null ? raw.create_time * 1000 : fallbackTime;
  let time = start;
  const nodes: SourceNode[] = walk(raw.mapping).map((id) => {
    const node = raw.mapping[id];
    const m = node.message;
    if (m?.create_time != null) time = m.create_time * 1000;
    const content = kept(m) ? textOf(m) : "";
    if (!m || !content.trim()) return { id, parent: node.parent ?? null, message: null };
    const finish = m.metadata?.finish_details?.type;
    const message: Omit<ChatMessage, "parentId"> = {
      id,
      role: m.author.role as "user" | "assistant",
      content,
      status: m.status === "in_progress" || finish === "interrupted" ? "interrupted" : "done",
      createdAt: time,
    };
    if (message.role === "assistant" && m.metadata?.model_slug) message.model = m.metadata.model_slug;
    if (finish === "max_tokens") message.finishReason = "length";
    return { id, parent: node.parent ?? null, message };
  });
  const messages = connectTree(nodes, "root");
  if (!messages.length) return null;
  const sourceId = raw.conversation_id ?? raw.id ?? stableHash(`${raw.title ?? ""}|${raw.create_time ?? ""}`);
  return conversationOf(
    {
      id: `chatgpt:${sourceId}`,
      title: raw.title ?? "",
      createdAt: start,
      updatedAt: raw.update_time != null ? raw.update_time * 1000 : undefined,
      messages,
      leafId: leafOf(raw, new Set(messages.map((m) => m.id))),
    },
    fallbackTime,
  );
}

/** `current_node`, or its nearest kept ancestor when that node itself is not shown. */
function leafOf(raw: Raw, keptIds: Set<string>): string | null {
  const seen = new Set<string>();
  let id = raw.current_node ?? null;
  while (id && !seen.has(id)) {
    if (keptIds.has(id)) return id;
    seen.add(id);
    id = raw.mapping[id]?.parent ?? null;
  }
  return null;
}

export function parseChatGpt(data: unknown, fallbackTime: number): ParseOutcome {
  const list = Array.isArray(data) ? data : [data];
  const r = z.array(conversationSchema).safeParse(list, { reportInput: true });
  if (!r.success) return refuse(fromZod("chatgpt", r.error, NOUNS, "conversation"));
  const conversations = r.data.map((c) => conversationFrom(c, fallbackTime)).filter((c) => c !== null);
  if (!conversations.length) return refuse({ code: "empty", format: "chatgpt" });
  return { ok: true, bundle: { conversations } };
}
