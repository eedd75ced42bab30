"use client";
import { useNotices, type NoticeAction } from "@/store/notices";
import { useT } from "@/store/language";
import { XIcon } from "@/components/ui/icons";
import { FoldedDetail } from "@/components/ui/folded-detail";
import type { SettingsSection } from "./settings/settings-dialog";

const ACTION_TEXT = { export: "notice.export", openData: "notice.openData" } as const;
const ACTION_TEST_ID = { export: "notice-export", openData: "notice-open-data" } as const;

/** App-wide notices; with onOpenSettings (the chat view) their action buttons show too. */
export function Notices({ onOpenSettings }: { onOpenSettings?: (section?: SettingsSection) => void }) {
  const t = useT();
  const notices = useNotices((s) => s.notices);
  if (notices.length === 0) return null;
  const run = (action: NoticeAction) => {
    // The exporter loads on click: it is not part of the first page load.
    if (action === "export") void import("./settings/export-download").then((m) => m.downloadExport());
    else onOpenSettings?.("data");
  };
  // A band of its own between the header and the messages, ruled off like the header: the list
  // starts below it (nothing scrolls under it), and a cut-off line at the list's top reads as
  // scrolled, not as covered. Compact: on a 390 px phone a notice is two lines, the dismiss an icon.
  return (
    <div data-testid="notices" className="shrink-0 border-b border-zinc-200 dark:border-zinc-800">
      {notices.map((n) => (
        <div key={n.id} role="alert" data-testid="notice" data-key={n.key} className={n.kind === "error" ? "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200" : "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"}>
          <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-1.5 text-sm">
            <span className="min-w-0 flex-1 basis-48" title={n.detail}>{t(n.key as Parameters<typeof t>[0], n.values)}</span>
            <span className="flex shrink-0 items-center gap-2">
              {n.action && (
                <button type="button" data-testid={n.action.testId} className="rounded border border-current px-2 py-0.5 text-xs font-semibold" onClick={() => {
                  n.action?.run();
                  useNotices.getState().dismiss(n.id);
                }}>
                  {t(n.action.key as Parameters<typeof t>[0])}
                </button>
              )}
              {onOpenSettings &&
                n.actions?.map((a) => (
                  <button key={a} type="button" data-testid={ACTION_TEST_ID[a]} className="rounded border border-current px-2 py-0.5 text-xs" onClick={() => run(a)}>
                    {t(ACTION_TEXT[a])}
                  </button>
                ))}
              <button type="button" data-testid="notice-dismiss" className="-mr-1.5 rounded p-1.5 opacity-80 hover:bg-black/5 hover:opacity-100 dark:hover:bg-white/10" aria-label={t("notice.dismiss")} title={t("notice.dismiss")} onClick={() => useNotices.getState().dismiss(n.id)}>
                <XIcon className="h-4 w-4" />
              </button>
            </span>
            {/* A failure's own words from the browser (English), folded under the sentence: for a bug report, not to read. */}
            {n.kind === "error" && n.detail && (
              <FoldedDetail testId="notice-detail" className="basis-full pb-0.5" label={t("error.browserDetail")} text={n.detail} />
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
