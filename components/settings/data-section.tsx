"use client";
import { useRef, useState } from "react";
import type { ImportBundle } from "@/lib/import/transfer";
import { readImport } from "@/lib/import/detect";
import { planMerge, summarise, type ImportSummary, type LocalData } from "@/lib/import/merge";
import { describeProblem, type ImportFormat, type ImportProblem } from "@/lib/import/problem";
import { useConversations } from "@/store/conversations";
import { usePrompts } from "@/store/prompts";
import { useLedger } from "@/store/ledger";
import { pushStorageFailure } from "@/store/notices";
import { restoreImages } from "@/lib/client/image-transfer";
import { useLang, useT } from "@/store/language";
import { ImportPreview } from "./import-preview";
import { downloadExport } from "./export-download";
import { StorageStatus } from "./storage-status";

type Phase =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "preview"; format: ImportFormat; bundle: ImportBundle; summary: ImportSummary }
  | { kind: "refused"; problem: ImportProblem }
  | { kind: "done"; added: number; merged: number; prompts: number };

const button = "rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700";

function localData(): LocalData {
  return { conversations: useConversations.getState().conversations, prompts: usePrompts.getState().prompts, ledger: useLedger.getState().detached };
}

/** Export everything as JSON; import any supported format, previewed before anything changes. */
export function DataSection() {
  const t = useT();
  const lang = useLang();
  const file = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  const doRead = async (f: File) => {
    setPhase({ kind: "reading" });
    const text = await f.text();
    // Let "Reading…" paint before a large file is parsed.
    await new Promise((r) => setTimeout(r, 0));
    const r = readImport(text, f.lastModified || Date.now());
    if (!r.ok) return setPhase({ kind: "refused", problem: r.problem });
    const summary = summarise(r.format, r.bundle, planMerge(localData(), r.bundle));
    setPhase({ kind: "preview", format: r.format, bundle: r.bundle, summary });
  };

  const doApply = async (bundle: ImportBundle) => {
    // The images first: a message never names an image that is not stored yet.
    const restored = await restoreImages(bundle.images, bundle.conversations).catch((err: unknown) => err);
    if (typeof restored !== "number") {
      pushStorageFailure(restored, ["openData"]);
    }
    // Planned again against the state of now, in case a chat changed while the preview was open.
    const plan = planMerge(localData(), bundle);
    if (plan.conversations.length) useConversations.getState().importMany(plan.conversations);
    if (plan.prompts.length) usePrompts.getState().upsertMany(plan.prompts);
    if (plan.ledger.length) useLedger.getState().importEntries(plan.ledger);
    setPhase({ kind: "done", added: plan.counts.new, merged: plan.counts.merged, prompts: plan.prompts.length });
  };

  return (
    <div className="space-y-2">
      <StorageStatus />
      <div className="flex flex-wrap gap-2">
        <button type="button" data-testid="export-button" className={button} onClick={() => void downloadExport()}>
          {t("settings.export")}
        </button>
        <button type="button" data-testid="import-button" className={button} onClick={() => file.current?.click()}>
          {t("settings.import")}
        </button>
        <input ref={file} data-testid="import-file-input" type="file" accept="application/json,.json" className="hidden" onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = "";
          if (f) void doRead(f);
        }} />
      </div>
      {phase.kind === "reading" && <p className="text-sm text-zinc-500">{t("import.reading")}</p>}
      {phase.kind === "preview" && <ImportPreview summary={phase.summary} onConfirm={() => void doApply(phase.bundle)} onCancel={() => setPhase({ kind: "idle" })} />}
      {phase.kind === "refused" && (
        <p data-testid="import-result" data-ok="false" role="alert" className="text-sm text-red-700">
          {t("settings.importFailed", { reason: describeProblem(lang, phase.problem) })}
        </p>
      )}
      {phase.kind === "done" && (
        <p data-testid="import-result" data-ok="true" role="status" className="text-sm text-emerald-700">
          {/* A file of masks brings prompts only: no line about conversations then. */}
          {[phase.added + phase.merged > 0 || phase.prompts === 0 ? t("import.done", { added: phase.added, merged: phase.merged }) : "", phase.prompts > 0 ? t("import.donePrompts", { count: phase.prompts }) : ""].filter(Boolean).join(" ")}
        </p>
      )}
    </div>
  );
}
