/**
 * NextChat masks (ChatGPTNextWeb/NextChat app/store/mask.ts) as saved prompts. A mask is
 * `{id, avatar, name, context: ChatMessage[], syncGlobalConfig?, modelConfig, lang, builtin,
 * createdAt, ...}`. Its mask page exports every user mask as `masks.json` (a JSON array) and one
 * mask from its editor as `<name>.json` (the object alone, a built-in one too); a backup keeps the
 * user's masks in `mask-store.masks`, keyed by id. In `context`, the "system" messages are the
 * system prompt and the others are messages every chat with the mask starts with.
 */
import { z } from "./zod";
import type { SavedPrompt } from "@/lib/types";
import { MASK_SOURCE } from "@/lib/prompts/library";
import { looseId, looseNumber, pickOverrides, stableHash } from "./common";
import { fromZod, refuse, type ParseOutcome } from "./problem";

// A multimodal message holds parts: text, and images as (often data:) URLs.
const partSchema = z.looseObject({ type: z.string(), text: z.string().nullish() });
export const contentSchema = z.union([z.string(), z.array(partSchema)]);
export type Content = z.infer<typeof contentSchema>;

const contextItemSchema = z.looseObject({ role: z.enum(["system", "user", "assistant"]), content: contentSchema });

export const maskSchema = z.looseObject({
  id: looseId.optional(),
  name: z.string().nullish(),
  context: z.array(contextItemSchema).nullish(),
  syncGlobalConfig: z.boolean().nullish(),
  modelConfig: z.record(z.string(), z.unknown()).nullish(),
  builtin: z.boolean().nullish(),
  createdAt: looseNumber,
});
export type Mask = z.infer<typeof maskSchema>;

/** A mask as its own export writes it: NextChat's import skips one without a name, this one refuses it. */
const exportedMaskSchema = maskSchema.extend({ name: z.string(), context: z.array(contextItemSchema) });

export function textOf(content: Content): string {
  if (typeof content === "string") return content;
  return content
    .map((p) => (p.type === "text" ? (p.text ?? "") : p.type === "image_url" ? "[image]" : `[${p.type}]`))
    .filter(Boolean)
    .join("\n");
}

/** The mask's "system" context messages, joined in their order. */
export function systemOf(mask: Mask | null | undefined): string {
  return (mask?.context ?? []).filter((c) => c.role === "system").map((c) => textOf(c.content)).filter(Boolean).join("\n\n");
}

/** NextChat's modelConfig as this app's parameters (its historyMessageCount is the history count). */
export function paramsOf(config: Record<string, unknown> | null | undefined) {
  return config ? pickOverrides({ ...config, historyCount: config.historyMessageCount }) : {};
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const looksLikeMask = (v: unknown) => isObject(v) && Array.isArray(v.context) && ("modelConfig" in v || "avatar" in v);

/** A mask export: one mask, or a non-empty array whose items look like masks. */
export function isNextChatMasks(data: unknown): boolean {
  if (Array.isArray(data)) return data.length > 0 && data.every(looksLikeMask);
  return looksLikeMask(data);
}

/**
 * One mask as a saved prompt, or null when it holds nothing to reuse. A mask that follows the
 * global settings (`syncGlobalConfig: true`, how NextChat creates one until its parameters are
 * edited) brings no parameters: its modelConfig is only a copy of the settings of that moment.
 */
export function promptFromMask(key: string, m: Mask, fallbackTime: number): SavedPrompt | null {
  const systemPrompt = systemOf(m);
  const starters = (m.context ?? [])
    .filter((c): c is typeof c & { role: "user" | "assistant" } => c.role !== "system")
    .map((c) => ({ role: c.role, content: textOf(c.content) }))
    .filter((c) => c.content.trim() !== "");
  const params: SavedPrompt["params"] = {};
  if (m.syncGlobalConfig !== true) {
    const { model, temperature, historyCount } = paramsOf(m.modelConfig);
    if (model !== undefined) params.model = model;
    if (temperature !== undefined) params.temperature = temperature;
    if (historyCount !== undefined) params.historyCount = historyCount;
  }
  if (!systemPrompt.trim() && !starters.length && !Object.keys(params).length) return null;
  const createdAt = m.createdAt ?? fallbackTime;
  const name = m.name?.trim() || (systemPrompt || starters[0]?.content || "").trim().split("\n")[0].slice(0, 40);
  const prompt: SavedPrompt = { id: `${MASK_SOURCE}:${m.id ?? key}`, name, systemPrompt, createdAt, updatedAt: createdAt, source: MASK_SOURCE };
  if (Object.keys(params).length) prompt.params = params;
  if (starters.length) prompt.starters = starters;
  return prompt;
}

const NOUNS = { context: "message" } as const;

/** A NextChat mask export (masks.json or one mask's file), already JSON-parsed. */
export function parseNextChatMasks(data: unknown, fallbackTime: number): ParseOutcome {
  const list = Array.isArray(data);
  const r = (list ? z.array(exportedMaskSchema) : exportedMaskSchema).safeParse(data, { reportInput: true });
  if (!r.success) return refuse(fromZod("nextchatmask", r.error, NOUNS, "mask"));
  const masks = Array.isArray(r.data) ? r.data : [r.data];
  // An export has no keys: a mask without an id is named by its content, the same on every import.
  const prompts = masks.map((m) => promptFromMask(stableHash(JSON.stringify(m)), m, fallbackTime)).filter((p) => p !== null);
  if (!prompts.length) return refuse({ code: "empty", format: "nextchatmask" });
  return { ok: true, bundle: { conversations: [], prompts } };
}
