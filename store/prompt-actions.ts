/** What the prompt library does across stores: start a chat from a prompt, save a chat's setup. */
import { newId } from "@/lib/id";
import { threadOf } from "@/lib/chat/thread";
import { chatFromPrompt, modelStatus, promptFromChat, type ModelStatus } from "@/lib/prompts/library";
import type { SavedPrompt } from "@/lib/types";
import { useAccess } from "./access";
import { effectiveParams } from "./chat-params";
import { useComposerFocus } from "./composer-focus";
import { useConversations } from "./conversations";
import { useModels } from "./models";
import { useNotices } from "./notices";
import { usePrompts } from "./prompts";

/** The model list the picker shows and whether the server refuses models outside it. */
function modelList() {
  const { models, restricted } = useModels.getState();
  const config = useAccess.getState().config;
  return { options: models ?? config?.models ?? [], restricted: restricted || (config?.modelsRestricted ?? false) };
}

/** Whether this server serves the model, as the model picker tells it. */
export function promptModelStatus(model: string): ModelStatus {
  const { options, restricted } = modelList();
  return modelStatus(model, options, restricted);
}

/**
 * Opens a chat with the prompt's system prompt and parameters as its overrides and its starters
 * as the first messages, then focuses the composer. A model the server refuses is left out (the
 * chat uses the default model) and a notice says so, instead of every send failing with a 403.
 */
export function startChatFromPrompt(prompt: SavedPrompt): string {
  const model = prompt.params?.model;
  const useModel = !model || promptModelStatus(model) !== "refused";
  const id = useConversations.getState().startWith(chatFromPrompt(prompt, { now: Date.now(), newId, useModel }));
  if (!useModel) {
    const fallback = effectiveParams(useConversations.getState().conversations[id]).model;
    useNotices.getState().push({ kind: "error", key: "prompts.modelRefused", values: { model: model!, name: prompt.name, fallback } });
  }
  useComposerFocus.getState().request();
  return id;
}

/** The open chat's setup as a prompt (not stored yet: the editor shows it first). */
export function promptFromCurrentChat(name: string, starterCount: number): SavedPrompt | null {
  const { currentId, conversations } = useConversations.getState();
  const conv = currentId ? conversations[currentId] : undefined;
  if (!conv) return null;
  return promptFromChat(effectiveParams(conv), threadOf(conv), { id: newId(), now: Date.now(), name, starterCount });
}

export function savePrompt(prompt: SavedPrompt): void {
  usePrompts.getState().upsertMany([prompt]);
}

/** Removes a saved prompt; returns it, for Undo. */
export function deletePrompt(id: string): SavedPrompt | undefined {
  const gone = usePrompts.getState().prompts.find((p) => p.id === id);
  if (gone) usePrompts.getState().remove(id);
  return gone;
}
