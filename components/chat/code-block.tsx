"use client";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { useT } from "@/store/language";

export function CodeBlock({ text, children }: { text: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="group relative my-3 overflow-hidden rounded-lg bg-[#0d1117] text-zinc-100">
      <div className="flex justify-end border-b border-white/10 px-2 py-1">
        <CopyButton text={text.replace(/\n$/, "")} label={t("code.copy")} testId="copy-code-button" className="text-zinc-300 hover:bg-white/10" />
      </div>
      <pre className="overflow-x-auto p-3 text-[13px] leading-relaxed">{children}</pre>
    </div>
  );
}
