"use client";
import { useNotices } from "@/store/notices";
import { useT } from "@/store/language";

export function Notices() {
  const t = useT();
  const notices = useNotices((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="space-y-2 px-3 pt-2">
      {notices.map((n) => (
        <div key={n.id} role="alert" data-testid="notice" className={`mx-auto flex max-w-3xl items-start gap-3 rounded-lg px-3 py-2 text-sm ${n.kind === "error" ? "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200" : "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"}`}>
          <span className="flex-1">{t(n.key as Parameters<typeof t>[0], n.values)}</span>
          {n.action && (
            <button type="button" data-testid={n.action.testId} className="text-xs font-semibold underline" onClick={() => {
              n.action?.run();
              useNotices.getState().dismiss(n.id);
            }}>
              {t(n.action.key as Parameters<typeof t>[0])}
            </button>
          )}
          <button type="button" className="text-xs underline" onClick={() => useNotices.getState().dismiss(n.id)}>{t("notice.dismiss")}</button>
        </div>
      ))}
    </div>
  );
}
