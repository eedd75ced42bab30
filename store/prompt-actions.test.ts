import { beforeEach, describe, expect, it } from "vitest";
import type { ServerConfig } from "@/lib/api-types";
import type { SavedPrompt } from "@/lib/types";
import { useAccess } from "./access";
import { useComposerFocus } from "./composer-focus";
import { useConversations } from "./conversations";
import { useModels } from "./models";
import { useNotices } from "./notices";
import { usePrompts } from "./prompts";
import { deletePrompt, promptFromCurrentChat, startChatFromPrompt } from "./prompt-actions";

const prompt: SavedPrompt = {
  id: "p",
  name: "Tutor",
  systemPrompt: "Teach.",
  params: { model: "gpt-3.5-turbo", temperature: 0.6 },
  starters: [{ role: "assistant", content: "Hi!" }],
  createdAt: 1,
  updatedAt: 1,
};

function serve(models: string[], restricted: boolean) {
  useAccess.setState({ config: { models: models.map((id) => ({ id })), modelsRestricted: restricted } as ServerConfig });
  useModels.setState({ models: null, restricted: false });
}

describe("prompt actions", () => {
  beforeEach(() => {
    useConversations.getState().hydrate([], null);
    useNotices.setState({ notices: [] });
    usePrompts.setState({ prompts: [] });
  });

  it("starts a chat with the prompt's setup and starters, and asks for the composer's focus", () => {
    serve(["gpt-4o-mini"], false);
    const before = useComposerFocus.getState().requests;
    const id = startChatFromPrompt(prompt);
    const conv = useConversations.getState().conversations[id];
    expect(conv.overrides).toEqual({ systemPrompt: "Teach.", model: "gpt-3.5-turbo", temperature: 0.6 });
    expect(conv.messages.map((m) => [m.role, m.content])).toEqual([["assistant", "Hi!"]]);
    expect(useComposerFocus.getState().requests).toBe(before + 1);
    expect(useNotices.getState().notices).toEqual([]);
  });

  it("leaves a model the server refuses to the defaults, and says so", () => {
    serve(["gpt-4o-mini"], true);
    const id = startChatFromPrompt(prompt);
    expect(useConversations.getState().conversations[id].overrides).toEqual({ systemPrompt: "Teach.", temperature: 0.6 });
    expect(useNotices.getState().notices).toMatchObject([{ key: "prompts.modelRefused", values: { model: "gpt-3.5-turbo", name: "Tutor" } }]);
  });

  it("saves the open chat's setup, and deletes returning the prompt for Undo", () => {
    serve(["gpt-4o-mini"], false);
    const id = startChatFromPrompt(prompt);
    useConversations.getState().appendMessages(id, [{ id: "u", role: "user", content: "Q", status: "done", createdAt: 2 }]);
    const saved = promptFromCurrentChat("Again", 5)!;
    expect(saved).toMatchObject({ name: "Again", systemPrompt: "Teach.", params: { model: "gpt-3.5-turbo", temperature: 0.6 } });
    expect(saved.starters).toEqual([{ role: "assistant", content: "Hi!" }, { role: "user", content: "Q" }]);
    usePrompts.getState().upsertMany([saved]);
    expect(deletePrompt(saved.id)).toBe(saved);
    expect(usePrompts.getState().prompts).toEqual([]);
    expect(deletePrompt(saved.id)).toBeUndefined();
  });
});
