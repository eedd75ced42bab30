"use client";
import { useEffect, type ReactNode } from "react";
import { XIcon } from "./icons";

/** A modal panel: full screen on a phone, centred card on wider screens; Escape or a click outside closes it. */
export function Dialog({ title, testId, closeLabel, onClose, children, wide = false }: { title: string; testId: string; closeLabel: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 flex items-stretch justify-center bg-black/40 sm:items-center sm:p-4" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-label={title} data-testid={testId} className={`flex max-h-dvh w-full ${wide ? "max-w-3xl" : "max-w-2xl"} flex-col bg-white shadow-xl dark:bg-zinc-900 sm:max-h-[90dvh] sm:rounded-2xl`} onClick={(e) => e.stopPropagation()}>
        <div className="flex items-center justify-between border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
          <h2 className="text-lg font-semibold">{title}</h2>
          <button type="button" data-testid={`${testId.replace(/-dialog$/, "")}-close`} aria-label={closeLabel} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800" onClick={onClose}>
            <XIcon />
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
