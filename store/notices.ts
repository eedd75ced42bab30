/** App-wide notices that are not tied to one message: storage failures, import results. */
import { create } from "zustand";
import type { ErrorInfo } from "@/lib/errors";
import { isQuotaError } from "@/lib/client/quota-error";

export interface Notice {
  id: number;
  kind: "error" | "info";
  /** i18n key of the text, with optional values. */
  key: string;
  values?: Record<string, string | number>;
  /** A raw technical detail (often English), offered as the text's tooltip, never as the text itself. */
  detail?: string;
  error?: ErrorInfo;
  /** A button beside the text (Undo, Export...): its i18n label key, what it does, its test id. */
  action?: { key: string; run: () => void; testId?: string };
  /** Buttons offered with the text; components/notices.tsx wires each to what it does. */
  actions?: NoticeAction[];
}

/** "export" downloads every conversation; "openData" opens Settings at its Data section. */
export type NoticeAction = "export" | "openData";

interface NoticesState {
  notices: Notice[];
  push: (notice: Omit<Notice, "id">) => void;
  dismiss: (id: number) => void;
}

let seq = 0;

export const useNotices = create<NoticesState>((set) => ({
  notices: [],
  push: (notice) =>
    set((s) => {
      // One notice per key is enough; repeated storage failures must not flood the screen.
      const rest = s.notices.filter((n) => n.key !== notice.key);
      return { notices: [...rest, { ...notice, id: ++seq }] };
    }),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/**
 * A write to the browser's storage failed: full, or failed for a reason the browser words itself
 * (in English, whatever the page's language). That wording is the notice's folded detail, never
 * part of its sentence.
 */
export function pushStorageFailure(err: unknown, actions: NoticeAction[] = ["export", "openData"]): void {
  // A full storage is all the sentence needs to say.
  if (isQuotaError(err)) return useNotices.getState().push({ kind: "error", key: "notice.storageFull", actions });
  useNotices.getState().push({ kind: "error", key: "notice.storageFailed", detail: String((err as Error)?.message ?? err), actions });
}
