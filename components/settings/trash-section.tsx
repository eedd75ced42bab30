"use client";
import { useMemo } from "react";
import { TRASH_DAYS, useConversations } from "@/store/conversations";
import { useLang, useT } from "@/store/language";
import { shownCount } from "@/lib/chat/thread";

/** Deleted conversations, restorable until the trash empties itself. */
export function TrashSection() {
  const t = useT();
  const language = useLang();
  const trash = useConversations((s) => s.trash);
  const items = useMemo(() => Object.values(trash).sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0)), [trash]);
  const store = useConversations.getState;
  const date = (ts: number) => new Date(ts).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-2" data-testid="trash">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-sm font-medium">{t("trash.title")}</h4>
        {items.length > 0 && (
          <button type="button" data-testid="trash-empty" className="text-xs text-red-700 underline" onClick={() => {
            if (window.confirm(t("trash.confirmEmpty", { count: items.length }))) for (const c of items) store().purge(c.id);
          }}>
            {t("trash.emptyAll")}
          </button>
        )}
      </div>
      <p className="text-xs text-zinc-500">{t("trash.hint", { days: TRASH_DAYS })}</p>
      {items.length === 0 ? (
        <p className="text-sm text-zinc-500">{t("trash.none")}</p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {items.map((c) => {
            const title = c.title || t("sidebar.untitled");
            return (
              <li key={c.id} data-testid="trash-item" className="flex items-center gap-2 px-3 py-2 text-sm">
                <div className="min-w-0 flex-1">
                  {/* Text only: a title from an imported file is never markup. */}
                  <div className="truncate">{title}</div>
                  <div className="text-xs text-zinc-500">
                    {t("sidebar.messages", { count: shownCount(c) })} · {t("trash.deletedAt", { date: date(c.deletedAt ?? 0) })}
                  </div>
                </div>
                <button type="button" data-testid="trash-restore" className="rounded border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700" onClick={() => store().restore(c.id)}>
                  {t("trash.restore")}
                </button>
                <button type="button" data-testid="trash-purge" className="rounded px-2 py-1 text-xs text-red-700" onClick={() => {
                  if (window.confirm(t("trash.confirmPurge", { title }))) store().purge(c.id);
                }}>
                  {t("trash.purge")}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
