"use client";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { useT } from "@/store/language";
import { CODE_BLOCK_CLASSES } from "@/lib/markdown/code-block-classes";

export function CodeBlock({ text, children }: { text: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className={CODE_BLOCK_CLASSES.frame}>
      <div className={CODE_BLOCK_CLASSES.bar}>
        <CopyButton text={text.replace(/\n$/, "")} label={t("code.copy")} testId="copy-code-button" className="text-zinc-300 hover:bg-white/10" />
      </div>
      <pre className={CODE_BLOCK_CLASSES.pre}>{children}</pre>
    </div>
  );
}
