"use client";
import { useEffect, useState } from "react";
import { readKeptDraft } from "@/lib/client/kept-draft";
import { useT } from "@/store/language";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * Beside an error card that took the composer's place: what the user had typed, so it is seen to
 * be safe (lib/client/kept-draft.ts puts it back in the box at the next start) and can be copied.
 */
export function KeptDraftNote() {
  const t = useT();
  // Read after the commit: the composer writes what is pending as it goes away, in that commit.
  const [text, setText] = useState("");
  useEffect(() => setText(readKeptDraft()), []);
  if (text.trim() === "") return null;
  return (
    <section data-testid="kept-draft" className="mt-4 rounded-lg border border-zinc-300 p-3 text-sm dark:border-zinc-700">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-medium">{t("draft.keptTitle")}</h2>
        <CopyButton text={text} testId="kept-draft-copy" />
      </div>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">{t("draft.keptHint")}</p>
      <textarea
        readOnly
        data-testid="kept-draft-text"
        aria-label={t("draft.keptTitle")}
        value={text}
        rows={Math.min(8, text.split("\n").length + 1)}
        className="mt-2 w-full resize-y rounded border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-700 dark:bg-zinc-900"
      />
    </section>
  );
}
