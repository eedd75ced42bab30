/**
 * The prompt library's logic, apart from React and the stores: finding, copying and checking saved
 * prompts, and turning a prompt into a new chat's start (and a chat's setup into a prompt).
 */
import type { UiKey } from "@/lib/i18n";
import type { ModelOption } from "@/lib/models/model-list";
import type { ChatMessage, ChatParams, SavedPrompt } from "@/lib/types";

export type StarterMessage = NonNullable<SavedPrompt["starters"]>[number];
export type PromptParams = NonNullable<SavedPrompt["params"]>;

/** `source` of the prompts that ship with the app (lib/prompts/builtins.ts); they are never stored. */
export const BUILTIN_SOURCE = "builtin";
export const isBuiltin = (p: SavedPrompt) => p.source === BUILTIN_SOURCE;
/** `source` of prompts imported from NextChat masks (lib/import/nextchat-mask.ts). */
export const MASK_SOURCE = "nextchat-mask";

// Bounds the chat settings use too (components/settings/chat-params-form.tsx).
export const TEMPERATURE_MAX = 2;
export const HISTORY_MAX = 1000;

const squash = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * What makes two prompts the same for an import: name, system prompt and starters, ignoring case
 * and runs of white space. Ids are not part of it: NextChat gives a mask a new id on every import.
 */
export function promptFingerprint(p: Pick<SavedPrompt, "name" | "systemPrompt" | "starters">): string {
  const starters = (p.starters ?? []).map((s) => `${s.role}:${squash(s.content)}`);
  return JSON.stringify([squash(p.name), squash(p.systemPrompt), starters]);
}

/** The user's own prompts, most recently changed first. */
export function sortPrompts(list: readonly SavedPrompt[]): SavedPrompt[] {
  return [...list].sort((a, b) => b.updatedAt - a.updatedAt || a.name.localeCompare(b.name));
}

/**
 * Every word typed must appear, in any case, in the name, the system prompt or a starter. Words
 * are split on spaces only and matched as substrings, so Chinese without spaces still matches
 * ("翻译" finds "中英互译翻译官"). Prompts whose name matches come first, in their given order.
 */
export function searchPrompts(list: readonly SavedPrompt[], query: string): SavedPrompt[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...list];
  const named: SavedPrompt[] = [];
  const other: SavedPrompt[] = [];
  for (const p of list) {
    const name = p.name.toLowerCase();
    const text = `${name}\n${p.systemPrompt.toLowerCase()}\n${(p.starters ?? []).map((s) => s.content.toLowerCase()).join("\n")}`;
    if (!words.every((w) => text.includes(w))) continue;
    (words.every((w) => name.includes(w)) ? named : other).push(p);
  }
  return [...named, ...other];
}

/** A copy the user owns (of a built-in, too): a new id, no source, times of now. */
export function duplicatePrompt(p: SavedPrompt, copy: { id: string; now: number; name: string }): SavedPrompt {
  const out: SavedPrompt = { id: copy.id, name: copy.name, systemPrompt: p.systemPrompt, createdAt: copy.now, updatedAt: copy.now };
  if (p.params && Object.keys(p.params).length) out.params = { ...p.params };
  if (p.starters?.length) out.starters = p.starters.map((s) => ({ ...s }));
  return out;
}

/** Whether the server serves a model: listed, not listed (the relay may still serve it), or refused. */
export type ModelStatus = "ok" | "unlisted" | "refused";

/** As the model picker says it: with a restricted list (CUSTOM_MODELS=-all) the proxy refuses others. */
export function modelStatus(model: string, options: readonly ModelOption[], restricted: boolean): ModelStatus {
  if (options.some((o) => o.id === model)) return "ok";
  return restricted ? "refused" : "unlisted";
}

/**
 * A new chat's start from a prompt: its parameters as the conversation's overrides, and its
 * starters as the first messages (a chain, already answered, so nothing is billed for them).
 * `useModel: false` leaves the model to the defaults (the server refuses the prompt's).
 */
export function chatFromPrompt(p: SavedPrompt, opts: { now: number; newId: () => string; useModel: boolean }): { overrides: Partial<ChatParams>; messages: ChatMessage[] } {
  const overrides: Partial<ChatParams> = {};
  if (p.systemPrompt.trim()) overrides.systemPrompt = p.systemPrompt;
  const { model, temperature, historyCount } = p.params ?? {};
  if (model && opts.useModel) overrides.model = model;
  if (temperature !== undefined) overrides.temperature = temperature;
  if (historyCount !== undefined) overrides.historyCount = historyCount;
  const messages: ChatMessage[] = [];
  for (const s of p.starters ?? []) {
    if (!s.content.trim()) continue;
    const parentId = messages.length ? messages[messages.length - 1].id : null;
    messages.push({ id: opts.newId(), role: s.role, content: s.content, status: "done", createdAt: opts.now, parentId });
  }
  return { overrides, messages };
}

/**
 * A chat's setup as a prompt: the system prompt, model, temperature and history count in effect,
 * and optionally its first messages (of the branch shown) as starters.
 */
export function promptFromChat(
  params: ChatParams,
  thread: readonly ChatMessage[],
  opts: { id: string; now: number; name: string; starterCount: number },
): SavedPrompt {
  const starters: StarterMessage[] = thread
    .filter((m): m is ChatMessage & { role: "user" | "assistant" } => m.role !== "system" && m.status === "done" && m.content.trim() !== "")
    .slice(0, Math.max(0, opts.starterCount))
    .map((m) => ({ role: m.role, content: m.content }));
  const prompt: SavedPrompt = {
    id: opts.id,
    name: opts.name,
    systemPrompt: params.systemPrompt,
    params: { model: params.model, temperature: params.temperature, historyCount: params.historyCount },
    createdAt: opts.now,
    updatedAt: opts.now,
  };
  if (starters.length) prompt.starters = starters;
  return prompt;
}

/** What the editor holds: a parameter left at null is not set by the prompt (the defaults apply). */
export interface PromptDraft {
  name: string;
  systemPrompt: string;
  model: string | null;
  temperature: number | null;
  historyCount: number | null;
  starters: StarterMessage[];
}

export function draftOf(p: Pick<SavedPrompt, "name" | "systemPrompt" | "params" | "starters">): PromptDraft {
  return {
    name: p.name,
    systemPrompt: p.systemPrompt,
    model: p.params?.model ?? null,
    temperature: p.params?.temperature ?? null,
    historyCount: p.params?.historyCount ?? null,
    starters: (p.starters ?? []).map((s) => ({ ...s })),
  };
}

export type DraftField = "name" | "systemPrompt" | "model" | "temperature" | "historyCount" | "starters";
export interface DraftProblem {
  field: DraftField;
  key: UiKey;
  /** The starter it is about, counted from 1. */
  n?: number;
}

/** Every reason the draft cannot be saved, in the order the form shows the fields. */
export function validateDraft(d: PromptDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!d.name.trim()) out.push({ field: "name", key: "prompts.error.name" });
  if (!d.systemPrompt.trim() && !d.starters.some((s) => s.content.trim())) out.push({ field: "systemPrompt", key: "prompts.error.empty" });
  if (d.model !== null && !d.model.trim()) out.push({ field: "model", key: "prompts.error.model" });
  if (d.temperature !== null && !(Number.isFinite(d.temperature) && d.temperature >= 0 && d.temperature <= TEMPERATURE_MAX)) {
    out.push({ field: "temperature", key: "prompts.error.temperature" });
  }
  if (d.historyCount !== null && !(Number.isInteger(d.historyCount) && d.historyCount >= 0 && d.historyCount <= HISTORY_MAX)) {
    out.push({ field: "historyCount", key: "prompts.error.historyCount" });
  }
  d.starters.forEach((s, i) => {
    if (!s.content.trim()) out.push({ field: "starters", key: "prompts.error.starter", n: i + 1 });
  });
  return out;
}

/** A valid draft as the prompt to store; `base` keeps the id, the creation time and the source. */
export function promptFromDraft(d: PromptDraft, base: { id: string; createdAt: number; source?: string }, now: number): SavedPrompt {
  const params: PromptParams = {};
  if (d.model !== null) params.model = d.model.trim();
  if (d.temperature !== null) params.temperature = d.temperature;
  if (d.historyCount !== null) params.historyCount = d.historyCount;
  const prompt: SavedPrompt = { id: base.id, name: d.name.trim(), systemPrompt: d.systemPrompt, createdAt: base.createdAt, updatedAt: now };
  if (Object.keys(params).length) prompt.params = params;
  const starters = d.starters.map((s) => ({ role: s.role, content: s.content })).filter((s) => s.content.trim());
  if (starters.length) prompt.starters = starters;
  if (base.source) prompt.source = base.source;
  return prompt;
}
