"use client";
import type { BranchPosition } from "@/lib/chat/branches";
import { useConversations } from "@/store/conversations";
import { useT } from "@/store/language";

const arrow = "inline-flex h-7 min-w-7 items-center justify-center rounded px-1 hover:bg-zinc-200/70 disabled:opacity-30 dark:hover:bg-zinc-700/70";

/** `‹ 2/3 ›` under a message that has other versions; switching shows that version's branch. */
export function BranchSwitcher({ convId, position, disabled }: { convId: string; position: BranchPosition; disabled: boolean }) {
  const t = useT();
  const show = (id: string | null) => id && useConversations.getState().showBranch(convId, id);
  return (
    <div role="group" aria-label={t("branch.label", { index: position.index, count: position.count })} className="inline-flex items-center text-xs tabular-nums text-zinc-500">
      <button type="button" data-testid="branch-prev" className={arrow} aria-label={t("branch.prev")} disabled={disabled || !position.prevId} onClick={() => show(position.prevId)}>
        ‹
      </button>
      <span data-testid="branch-indicator" className="px-0.5">{`${position.index}/${position.count}`}</span>
      <button type="button" data-testid="branch-next" className={arrow} aria-label={t("branch.next")} disabled={disabled || !position.nextId} onClick={() => show(position.nextId)}>
        ›
      </button>
    </div>
  );
}
