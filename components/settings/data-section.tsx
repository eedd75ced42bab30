"use client";
import { useRef, useState } from "react";
import { exportData, parseImport } from "@/lib/import/transfer";
import { useConversations } from "@/store/conversations";
import { settingsSnapshot } from "@/store/settings";
import { useT } from "@/store/language";

/** Export all conversations as JSON; import validates the whole file before changing anything. */
export function DataSection() {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const doExport = () => {
    const { conversations, order } = useConversations.getState();
    const list = order.map((id) => conversations[id]).filter(Boolean);
    // The own API key stays in this browser: it is left out of the export.
    const settings = { ...settingsSnapshot(), own: { ...settingsSnapshot().own, apiKey: "" } };
    const blob = new Blob([JSON.stringify(exportData(list, { settings }), null, 2)], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `relaychat-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

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
      <div className="flex flex-wrap gap-2">
        <button type="button" data-testid="export-button" className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700" onClick={doExport}>
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
