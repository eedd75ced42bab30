/** Saved prompts (system prompts with parameters and starters). In memory for now; persistence is wired separately. */
import { create } from "zustand";
import type { SavedPrompt } from "@/lib/types";

interface PromptsState {
  prompts: SavedPrompt[];
  /** Inserts prompts, replacing any with the same id. */
  upsertMany: (list: SavedPrompt[]) => void;
}

export const usePrompts = create<PromptsState>((set) => ({
  prompts: [],
  upsertMany: (list) =>
    set((s) => {
      if (!list.length) return {};
      const incoming = new Map(list.map((p) => [p.id, p]));
      const kept = s.prompts.filter((p) => !incoming.has(p.id));
      return { prompts: [...kept, ...incoming.values()] };
    }),
}));
