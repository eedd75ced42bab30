"use client";
import { useT } from "@/store/language";
import { Dialog } from "@/components/ui/dialog";
import { ChatParamsForm } from "./chat-params-form";
import { GeneralForm } from "./general-form";
import { CostsForm } from "./costs-form";
import { DataSection } from "./data-section";
import { TrashSection } from "./trash-section";

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
  return (
    <Dialog title={t("settings.title")} testId="settings-dialog" closeLabel={t("settings.close")} onClose={onClose}>
      <div className="overflow-y-auto px-5">
        <Section title={t("settings.model")}><ChatParamsForm /></Section>
        <Section title={t("settings.general")}><GeneralForm /></Section>
        <Section title={t("settings.costs")}><CostsForm /></Section>
        <Section title={t("settings.data")}>
          <DataSection />
          <div className="mt-4"><TrashSection /></div>
        </Section>
      </div>
    </Dialog>
  );
}
