"use client";
import type { LedgerEntry } from "@/lib/types";
import { useT } from "@/store/language";
import { UsageLine } from "./usage-line";
import { ErrorCard } from "./error-card";

/** The model-made title is a billed call of its own, so it shows as its own line. */
export function TitleCallLine({ entry }: { entry: LedgerEntry }) {
  const t = useT();
  return (
    <div data-testid="title-call" data-status={entry.status} className="mx-auto my-2 w-full max-w-3xl rounded-md border border-dashed border-zinc-300 px-3 py-2 text-xs text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
      <div>{entry.status === "error" ? t("titleCall.failed", { model: entry.model }) : t("titleCall.line", { model: entry.model })}</div>
      <UsageLine usage={entry.usage} model={entry.model} showModel={false} testId="title-call-usage" />
      {entry.error && <ErrorCard error={entry.error} />}
    </div>
  );
}
