"use client";
import type { ImportSummary } from "@/lib/import/merge";
import { formatName } from "@/lib/import/problem";
import { useLang, useT } from "@/store/language";

const button = "rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700";

/** What an import would do, before anything changes: the format, counts and how it merges. */
export function ImportPreview({ summary, onConfirm, onCancel }: { summary: ImportSummary; onConfirm: () => void; onCancel: () => void }) {
  const t = useT();
  const lang = useLang();
  const day = (ms: number) => new Date(ms).toLocaleDateString(lang);
  const { counts } = summary;
  // A file of prompts only (NextChat masks) has no conversation lines to show.
  const chats = summary.conversations > 0 || (summary.prompts === 0 && counts.samePrompts === 0 && summary.ledger === 0);
  return (
    <div data-testid="import-preview" data-format={summary.format} className="space-y-1 rounded border border-zinc-300 p-3 text-sm dark:border-zinc-700">
      <p className="font-medium">{t("import.preview.title", { format: formatName(lang, summary.format) })}</p>
      {chats && (
        <>
          <p data-testid="import-preview-counts">{t("import.preview.counts", { conversations: summary.conversations, messages: summary.messages })}</p>
          {summary.from !== null && summary.to !== null && <p data-testid="import-preview-range">{t("import.preview.range", { from: day(summary.from), to: day(summary.to) })}</p>}
        </>
      )}
      <ul className="list-disc pl-5">
        {chats && (
          <>
            <li data-testid="import-preview-new">{t("import.preview.new", { count: counts.new })}</li>
            <li data-testid="import-preview-same">{t("import.preview.same", { count: counts.same })}</li>
            <li data-testid="import-preview-merged">{t("import.preview.merged", { count: counts.merged, messages: counts.mergedMessages })}</li>
          </>
        )}
        {summary.prompts > 0 && <li data-testid="import-preview-prompts">{t("import.preview.prompts", { count: summary.prompts })}</li>}
        {counts.samePrompts > 0 && <li data-testid="import-preview-prompts-same">{t("import.preview.promptsSame", { count: counts.samePrompts })}</li>}
        {summary.ledger > 0 && <li>{t("import.preview.ledger", { count: summary.ledger })}</li>}
      </ul>
      {summary.nothing && <p data-testid="import-preview-nothing">{t("import.preview.nothing")}</p>}
      <div className="flex gap-2 pt-1">
        <button type="button" data-testid="import-confirm" className={`${button} bg-emerald-700 text-white disabled:opacity-40`} disabled={summary.nothing} onClick={onConfirm}>
          {t("import.confirm")}
        </button>
        <button type="button" data-testid="import-cancel" className={button} onClick={onCancel}>
          {t("import.cancel")}
        </button>
      </div>
    </div>
  );
}

