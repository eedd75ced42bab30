"use client";
import { IDENTITY_PROBES } from "@/lib/relay/doctor/probes";
import type { ProbeAnswer } from "@/lib/relay/doctor/types";
import { describeError } from "@/lib/upstream/error-hints";
import { useDoctorT } from "./use-doctor-t";

/** The identity questions' answers beside a strong model's: a hint, never proof. */
export function DoctorProbes({ probes }: { probes: ProbeAnswer[] }) {
  const { t, lang } = useDoctorT();
  return (
    <section data-testid="doctor-probes" className="space-y-3">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{t("identity.title")}</h4>
      <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">{t("identity.probesHint")}</p>
      {probes.map((p) => {
        const probe = IDENTITY_PROBES.find((q) => q.id === p.id);
        if (!probe) return null;
        return (
          <article key={p.id} data-testid="doctor-probe" data-probe={p.id} className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <p className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{t("identity.question")}</p>
            <p className="mt-0.5 font-medium" lang={probe.lang}>{probe.question}</p>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              <div className="rounded-md bg-zinc-50 p-2 dark:bg-zinc-800/60">
                <p className="text-xs font-semibold text-zinc-500">{t("identity.answer")}{p.model ? ` · ${p.model}` : ""}</p>
                <p data-testid="doctor-probe-answer" className="mt-1 whitespace-pre-wrap break-words">
                  {p.answer ?? (p.error ? describeError(p.error, lang).title : t("identity.noAnswer"))}
                </p>
              </div>
              <div className="rounded-md bg-emerald-50/60 p-2 dark:bg-emerald-950/30">
                <p className="text-xs font-semibold text-zinc-500">{t("identity.reference")}</p>
                <p data-testid="doctor-probe-reference" className="mt-1 whitespace-pre-wrap break-words" lang={probe.lang}>{probe.reference}</p>
              </div>
            </div>
          </article>
        );
      })}
    </section>
  );
}
