/** Asks the composer to take the focus (after a chat was started from somewhere else, e.g. a prompt). */
import { create } from "zustand";

interface ComposerFocusState {
  /** Bumped on every request; the composer focuses itself when it changes. */
  requests: number;
  request: () => void;
}

export const useComposerFocus = create<ComposerFocusState>((set) => ({
  requests: 0,
  request: () => set((s) => ({ requests: s.requests + 1 })),
}));
