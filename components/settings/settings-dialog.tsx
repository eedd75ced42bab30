"use client";
import { useEffect } from "react";
import { useT } from "@/store/language";
import { XIcon } from "@/components/ui/icons";
import { ChatParamsForm } from "./chat-params-form";
import { GeneralForm } from "./general-form";
import { CostsForm } from "./costs-form";
import { DataSection } from "./data-section";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="border-t border-zinc-200 py-4 first:border-t-0 dark:border-zinc-800">
      <h3 className="mb-3 text-sm font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      {children}
    </section>
  );
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-40 flex items-stretch justify-center bg-black/40 sm:items-center sm:p-4" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-label={t("settings.title")} data-testid="settings-dialog" className="flex max-h-dvh w-full max-w-2xl flex-col bg-white shadow-xl dark:bg-zinc-900 sm:max-h-[90dvh] sm:rounded-2xl" onClick={(e) => e.stopPropagation()}>
        <div className="flex items-center justify-between border-b border-zinc-200 px-5 py-3 dark:border-zinc-800">
          <h2 className="text-lg font-semibold">{t("settings.title")}</h2>
          <button type="button" data-testid="settings-close" aria-label={t("settings.close")} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800" onClick={onClose}>
            <XIcon />
          </button>
        </div>
        <div className="overflow-y-auto px-5">
          <Section title={t("settings.model")}><ChatParamsForm /></Section>
          <Section title={t("settings.general")}><GeneralForm /></Section>
          <Section title={t("settings.costs")}><CostsForm /></Section>
          <Section title={t("settings.data")}><DataSection /></Section>
        </div>
      </div>
    </div>
  );
}
