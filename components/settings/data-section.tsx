"use client";
import { useRef, useState } from "react";
import { parseImport } from "@/lib/import/transfer";
import { useConversations } from "@/store/conversations";
import { useT } from "@/store/language";
import { downloadExport } from "./export-download";
import { StorageStatus } from "./storage-status";

/** Export all conversations as JSON; import validates the whole file before changing anything. */
export function DataSection() {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const doImport = async (f: File) => {
    const parsed = parseImport(await f.text());
    if (!parsed.ok) {
      setResult({ ok: false, text: t("settings.importFailed", { reason: parsed.reason }) });
      return;
    }
    useConversations.getState().importMany(parsed.conversations);
    setResult({ ok: true, text: t("settings.importDone", { count: parsed.conversations.length }) });
  };

  return (
    <div className="space-y-2">
      <StorageStatus />
      <div className="flex flex-wrap gap-2">
        <button type="button" data-testid="export-button" className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700" onClick={downloadExport}>
          {t("settings.export")}
        </button>
        <button type="button" data-testid="import-button" className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700" onClick={() => file.current?.click()}>
          {t("settings.import")}
        </button>
        <input ref={file} data-testid="import-file" type="file" accept="application/json,.json" className="hidden" onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = "";
          if (f) void doImport(f);
        }} />
      </div>
      {result && (
        <p data-testid="import-result" data-ok={result.ok ? "true" : "false"} className={`text-sm ${result.ok ? "text-emerald-600" : "text-red-600"}`}>
          {result.text}
        </p>
      )}
    </div>
  );
}
