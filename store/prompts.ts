/** Saved prompts (a system prompt with optional parameters and starter messages). */
import { create } from "zustand";
import type { SavedPrompt } from "@/lib/types";

interface PromptsState {
  prompts: SavedPrompt[];
  hydrate: (prompts: SavedPrompt[]) => void;
  /** Adds or replaces by id. */
  upsertMany: (list: SavedPrompt[]) => void;
  remove: (id: string) => void;
}

export const usePrompts = create<PromptsState>((set) => ({
  prompts: [],
  hydrate: (prompts) => set({ prompts }),
  upsertMany: (list) =>
    set((s) => {
      const byId = new Map(s.prompts.map((p) => [p.id, p]));
      for (const p of list) byId.set(p.id, p);
      return { prompts: [...byId.values()] };
    }),
  remove: (id) => set((s) => ({ prompts: s.prompts.filter((p) => p.id !== id) })),
}));
