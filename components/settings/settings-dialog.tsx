"use client";
import { useEffect, useRef } from "react";
import { useT } from "@/store/language";
import { Dialog } from "@/components/ui/dialog";
import { ChatParamsForm } from "./chat-params-form";
import { GeneralForm } from "./general-form";
import { BalanceLine } from "./balance-line";
import { CostsForm } from "./costs-form";
import { DataSection } from "./data-section";
import { TrashSection } from "./trash-section";
import { AboutSection } from "./about-section";
import { useDoctorPanel } from "@/store/doctor-panel";

/** A section the dialog can open at (the storage-full notice opens it at Data). */
export type SettingsSection = "data";

function Section({ title, children, sectionRef }: { title: string; children: React.ReactNode; sectionRef?: React.Ref<HTMLElement> }) {
  return (
    <section ref={sectionRef} className="border-t border-zinc-200 py-4 first:border-t-0 dark:border-zinc-800">
      <h3 className="mb-3 text-sm font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      {children}
    </section>
  );
}

export function SettingsDialog({ onClose, section }: { onClose: () => void; section?: SettingsSection }) {
  const t = useT();
  const data = useRef<HTMLElement>(null);
  useEffect(() => {
    if (section === "data") data.current?.scrollIntoView({ block: "start" });
  }, [section]);
  return (
    <Dialog title={t("settings.title")} testId="settings-dialog" closeLabel={t("settings.close")} onClose={onClose}>
      <div className="overflow-y-auto px-5">
        <Section title={t("settings.model")}><ChatParamsForm /></Section>
        <Section title={t("settings.general")}><GeneralForm /></Section>
        <Section title={t("settings.connection")}>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="min-w-0 flex-1 text-sm text-zinc-600 dark:text-zinc-400">{t("doctor.openHint")}</p>
            <button
              type="button"
              data-testid="doctor-button"
              className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              onClick={() => {
                // One dialog at a time: Escape and the backdrop then close the one in front.
                onClose();
                useDoctorPanel.getState().openDoctor();
              }}
            >
              {t("doctor.run")}
            </button>
          </div>
        </Section>
        <Section title={t("settings.costs")}>
          <CostsForm />
          <div className="mt-3"><BalanceLine /></div>
        </Section>
        <Section title={t("settings.data")} sectionRef={data}>
          <DataSection />
          <div className="mt-4"><TrashSection /></div>
        </Section>
        <Section title={t("settings.about")}><AboutSection /></Section>
      </div>
    </Dialog>
  );
}
