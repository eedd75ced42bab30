"use client";
import { useImperativeHandle, useRef, useState, type Ref } from "react";
import { readImport } from "@/lib/import/detect";
import { planMerge, summarise, type ImportSummary } from "@/lib/import/merge";
import { describeProblem, formatName, type ImportProblem } from "@/lib/import/problem";
import type { SavedPrompt } from "@/lib/types";
import { useLang, useT } from "@/store/language";
import { usePrompts } from "@/store/prompts";
import { ImportPreview } from "@/components/settings/import-preview";

type Phase =
  | { kind: "idle" }
  | { kind: "preview"; prompts: SavedPrompt[]; summary: ImportSummary }
  | { kind: "refused"; reason: string }
  | { kind: "done"; added: number };

export interface MaskImportHandle {
  /** Opens the file chooser. */
  choose: () => void;
}

function plan(prompts: SavedPrompt[]) {
  return planMerge({ conversations: {}, prompts: usePrompts.getState().prompts, ledger: [] }, { conversations: [], prompts });
}

/**
 * "Import masks" in the library: NextChat's mask export, or the masks of a NextChat backup (its
 * chats are left for Settings → Data). Previewed first; a refused file changes nothing.
 */
export function MaskImport({ ref }: { ref?: Ref<MaskImportHandle> }) {
  const t = useT();
  const lang = useLang();
  const input = useRef<HTMLInputElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  useImperativeHandle(ref, () => ({ choose: () => input.current?.click() }), []);

  const refuse = (problem: ImportProblem | null, format?: string) =>
    setPhase({ kind: "refused", reason: problem ? describeProblem(lang, problem) : t("prompts.import.noMasks", { format: format ?? "" }) });

  const read = async (file: File) => {
    const r = readImport(await file.text(), file.lastModified || Date.now());
    if (!r.ok) return refuse(r.problem);
    const prompts = r.bundle.prompts ?? [];
    if (!prompts.length) return refuse(null, formatName(lang, r.format));
    setPhase({ kind: "preview", prompts, summary: summarise(r.format, { conversations: [], prompts }, plan(prompts)) });
  };

  const apply = (prompts: SavedPrompt[]) => {
    // Planned again: the library may have changed while the preview was open.
    const added = plan(prompts).prompts;
    if (added.length) usePrompts.getState().upsertMany(added);
    setPhase({ kind: "done", added: added.length });
  };

  return (
    <>
      <input ref={input} data-testid="prompt-import-file" type="file" accept="application/json,.json" className="hidden" onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = "";
        if (f) void read(f);
      }} />
      {phase.kind === "preview" && <ImportPreview summary={phase.summary} onConfirm={() => apply(phase.prompts)} onCancel={() => setPhase({ kind: "idle" })} />}
      {phase.kind === "refused" && (
        <p data-testid="prompt-import-result" data-ok="false" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
          {t("settings.importFailed", { reason: phase.reason })}
        </p>
      )}
      {phase.kind === "done" && (
        <p data-testid="prompt-import-result" data-ok="true" role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200">
          {t("prompts.import.done", { count: phase.added })}
        </p>
      )}
    </>
  );
}
