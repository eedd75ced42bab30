"use client";
import { useState } from "react";
import { copyText } from "@/lib/client/clipboard";
import { useT } from "@/store/language";
import { CheckIcon, CopyIcon } from "./icons";

export function CopyButton({ text, label, className = "", testId }: { text: string; label?: string; className?: string; testId?: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      data-testid={testId}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-1 text-xs hover:bg-zinc-200/70 dark:hover:bg-zinc-700/70 ${className}`}
      title={label ?? t("message.copy")}
      aria-label={label ?? t("message.copy")}
      onClick={async () => {
        if (await copyText(text)) {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      <span>{copied ? t("message.copied") : (label ?? t("message.copy"))}</span>
    </button>
  );
}
