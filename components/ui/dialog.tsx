"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { XIcon } from "./icons";
import { useFocusTrap } from "./use-focus-trap";

/**
 * A modal panel: full screen on a phone, centred card on wider screens; Escape or a click outside
 * closes it. The focus stays inside while it is open and returns to the opener when it closes.
 */
export function Dialog({ title, testId, closeLabel, onClose, onDismiss = onClose, children, wide = false }: {
  title: string;
  testId: string;
  closeLabel: string;
  onClose: () => void;
  /** Escape and a click outside; defaults to onClose (a dialog with a form open may step back instead). */
  onDismiss?: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const panel = useRef<HTMLDivElement>(null);
  useFocusTrap(panel);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onDismiss();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onDismiss]);
  return (
    <div className="fixed inset-0 z-40 flex items-stretch justify-center bg-black/40 sm:items-center sm:p-4" onClick={onDismiss}>
      <div ref={panel} tabIndex={-1} role="dialog" aria-modal="true" aria-label={title} data-testid={testId} className={`flex max-h-dvh w-full ${wide ? "max-w-3xl" : "max-w-2xl"} flex-col bg-white shadow-xl outline-none dark:bg-zinc-900 sm:max-h-[90dvh] sm:rounded-2xl`} onClick={(e) => e.stopPropagation()}>
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
