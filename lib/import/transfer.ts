/**
 * Export and import of all conversations: the user's safety net against a cleared browser or a
 * full IndexedDB. An import is validated completely before anything is applied — a file that is
 * wrong anywhere is refused as a whole with a reason a person can act on, never half-imported.
 */
import { z } from "./zod";
import { isErrorCode, type ErrorCode } from "@/lib/errors";
import { describeProblem, fromZod, refuse, type ImportProblem, type ParseOutcome } from "./problem";
import { leafIdOf, linkChain } from "@/lib/chat/thread";
import type { Conversation, LedgerEntry, SavedPrompt } from "@/lib/types";

export const EXPORT_FORMAT = "relaychat";
/**
 * 1: conversations with a message list and their ledger inside.
 * 2: messages know their parent (branches) and the conversation its shown leaf; topic breaks and
 *    image references on messages; ledger lines that belong to no conversation, saved prompts and
 *    image data beside the conversations. A version 1 file imports as chains, one child each.
 */
export const EXPORT_VERSION = 2;

/** An image's bytes in an export (base64), matched to messages by `id`. */
export interface ExportImage {
  id: string;
  mime: string;
  width: number;
  height: number;
  data: string;
}

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  conversations: Conversation[];
  /** Billed calls outside any conversation: connection tests, and chats since deleted. */
  ledger?: LedgerEntry[];
  prompts?: SavedPrompt[];
  images?: ExportImage[];
  settings?: unknown;
}

export interface ExportExtras {
  settings?: unknown;
  ledger?: LedgerEntry[];
  prompts?: SavedPrompt[];
  images?: ExportImage[];
}

export function exportData(conversations: Conversation[], extras: ExportExtras = {}): ExportFile {
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    conversations,
  };
  if (extras.ledger?.length) file.ledger = extras.ledger;
  if (extras.prompts?.length) file.prompts = extras.prompts;
  if (extras.images?.length) file.images = extras.images;
  if (extras.settings !== undefined) file.settings = extras.settings;
  return file;
}

const finite = z.number().refine(Number.isFinite, "must be a finite number");
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const count = z.number().int().nonnegative();

const usageSchema = z.object({
  promptTokens: count,
  completionTokens: count,
  estimated: z.boolean().default(false),
});

const errorInfoSchema = z.object({
  // A file from a newer version may use codes this build does not know; keep the error, as unknown.
  code: z.string().transform((c): ErrorCode => (isErrorCode(c) ? c : "unknown")),
  status: z.number().int(),
  message: z.string(),
  upstreamMessage: z.string().optional(),
  requestId: z.string().optional(),
});

const messageSchema = z.object({
  id: z.string().min(1),
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
  reasoning: z.string().optional(),
  reasoningMs: finite.optional(),
  // A file written mid-stream (or by a tool that omits it) still holds a usable message.
  status: z.enum(["streaming", "done", "error", "interrupted"]).default("done"),
  createdAt: finite.optional(),
  model: z.string().optional(),
  answeredBy: z.string().optional(),
  systemFingerprint: z.string().optional(),
  ttftMs: finite.optional(),
  durationMs: finite.optional(),
  usage: usageSchema.optional(),
  cost: finite.nullable().optional(),
  finishReason: z.string().optional(),
  error: errorInfoSchema.optional(),
  parentId: z.string().nullable().optional(),
  topicBreak: z.boolean().optional(),
  images: z
    .array(z.object({ id: z.string().min(1), mime: z.string(), width: count, height: count, bytes: count.optional() }))
    .optional(),
});

const ledgerSchema = z.object({
  id: z.string().min(1),
  at: finite,
  kind: z.enum(["chat", "regenerate", "title", "continue", "doctor"]),
  model: z.string(),
  usage: usageSchema,
  cost: finite.nullable(),
  messageId: z.string().optional(),
  status: z.enum(["done", "error", "interrupted"]),
  ttftMs: finite.optional(),
  durationMs: finite.optional(),
  answeredBy: z.string().optional(),
  convId: z.string().optional(),
  convTitle: z.string().optional(),
});

// Overrides are optional per field; unknown keys are dropped rather than refused.
const overridesSchema = z
  .object({
    model: z.string(),
    temperature: finite,
    top_p: finite,
    max_tokens: finite,
    presence_penalty: finite,
    frequency_penalty: finite,
    historyCount: finite,
    systemPrompt: z.string(),
  })
  .partial();

const conversationSchema = z.object({
  id: z.string().min(1),
  title: z.string().default(""),
  titleSettled: z.boolean().default(false),
  createdAt: finite,
  updatedAt: finite.optional(),
  messages: z.array(messageSchema),
  leafId: z.string().nullable().optional(),
  overrides: overridesSchema.default({}),
  ledger: z.array(ledgerSchema).default([]),
});

const promptSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  systemPrompt: z.string(),
  params: z.object({ model: z.string(), temperature: finite, historyCount: finite }).partial().optional(),
  starters: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.string() })).optional(),
  createdAt: finite,
  updatedAt: finite.optional(),
  source: z.string().optional(),
});

// The image types this client sends; the data is plain base64 (no data: prefix, no line breaks).
const imageSchema = z.object({
  id: z.string().min(1),
  mime: z.enum(["image/png", "image/jpeg", "image/webp", "image/gif"]),
  width: count,
  height: count,
  data: z.string().refine((d) => d.length % 4 === 0 && BASE64.test(d), "must be base64 image data"),
});

const envelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
  exportedAt: z.string().optional(),
  conversations: z.array(conversationSchema),
  ledger: z.array(ledgerSchema).optional(),
  prompts: z.array(promptSchema).optional(),
  images: z.array(imageSchema).optional(),
  settings: z.unknown().optional(),
});

type ParsedConversation = z.infer<typeof conversationSchema>;

/** What an import brings, in this app's shapes; foreign formats produce the same. */
export interface ImportBundle {
  conversations: Conversation[];
  ledger?: LedgerEntry[];
  prompts?: SavedPrompt[];
  images?: ExportImage[];
  settings?: unknown;
}

export type ImportResult = ({ ok: true } & ImportBundle) | { ok: false; reason: string; problem: ImportProblem };

function normalise(c: ParsedConversation): Conversation {
  const messages = linkChain(
    c.messages.map((m) => ({
      ...m,
      // Nothing is streaming after an import: the stream that wrote it is long gone.
      status: m.status === "streaming" ? ("interrupted" as const) : m.status,
      createdAt: m.createdAt ?? c.createdAt,
    })),
  );
  return {
    ...c,
    updatedAt: c.updatedAt ?? c.createdAt,
    messages,
    leafId: leafIdOf({ messages, leafId: c.leafId }),
    ledger: c.ledger.map((l) => ({ ...l, convId: c.id })),
  };
}

const NOUNS = { conversations: "conversation", messages: "message", ledger: "ledger", prompts: "prompt", images: "item" } as const;

/** This app's own export (an envelope, or a bare array of conversations), already JSON-parsed. */
export function parseRelayChat(data: unknown): ParseOutcome {
  let parsed: Omit<z.infer<typeof envelopeSchema>, "format" | "version">;
  if (Array.isArray(data)) {
    const r = z.array(conversationSchema).safeParse(data, { reportInput: true });
    if (!r.success) return refuse(fromZod(EXPORT_FORMAT, r.error, NOUNS, "conversation"));
    parsed = { conversations: r.data };
  } else if (data && typeof data === "object") {
    const tag = (data as { format?: unknown }).format;
    if (tag !== EXPORT_FORMAT) return refuse({ code: "otherTag", tag: tag === undefined ? "—" : JSON.stringify(tag) });
    const version = (data as { version?: unknown }).version;
    if (typeof version === "number" && version > EXPORT_VERSION) return refuse({ code: "newer", format: EXPORT_FORMAT, version });
    const r = envelopeSchema.safeParse(data, { reportInput: true });
    if (!r.success) return refuse(fromZod(EXPORT_FORMAT, r.error, NOUNS));
    parsed = r.data;
  } else {
    return refuse({ code: "unknown" });
  }

  const seen = new Set<string>();
  for (const c of parsed.conversations) {
    // The store keys conversations by id; two with one id would silently overwrite each other.
    if (seen.has(c.id)) return refuse({ code: "duplicate", format: EXPORT_FORMAT, id: JSON.stringify(c.id) });
    seen.add(c.id);
  }
  const bundle: ImportBundle = { conversations: parsed.conversations.map(normalise) };
  if (parsed.ledger?.length) bundle.ledger = parsed.ledger;
  if (parsed.prompts?.length) bundle.prompts = parsed.prompts.map((p) => ({ ...p, updatedAt: p.updatedAt ?? p.createdAt }));
  if (parsed.images?.length) bundle.images = parsed.images;
  if (parsed.settings !== undefined) bundle.settings = parsed.settings;
  return { ok: true, bundle };
}

/** Text of this app's export → its contents, or why it is refused (in English; the UI localises `problem`). */
export function parseImport(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return failed({ code: "notJson" });
  }
  const r = parseRelayChat(data);
  return r.ok ? { ok: true, ...r.bundle } : failed(r.problem);
}

const failed = (problem: ImportProblem): ImportResult => ({ ok: false, reason: describeProblem("en", problem), problem });
