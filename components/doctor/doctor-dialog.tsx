"use client";
import { useEffect } from "react";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/settings/field";
import { errorSentences } from "@/lib/upstream/error-hints";
import { IDENTITY_PROBES } from "@/lib/relay/doctor/probes";
import { STEP_IDS } from "@/lib/relay/doctor/types";
import { useDoctor } from "@/store/doctor";
import { useDoctorPanel } from "@/store/doctor-panel";
import { apiTarget } from "@/store/run-control";
import { useSettings } from "@/store/settings";
import { useAccess } from "@/store/access";
import { useT } from "@/store/language";
import { DoctorCost } from "./doctor-cost";
import { DoctorEndpoints } from "./doctor-endpoints";
import { DoctorProbes } from "./doctor-probes";
import { DoctorStep } from "./doctor-step";
import { useDoctorT } from "./use-doctor-t";

/** Why the run did not happen: the rate limit with its wait, or the error's own hint. */
function Problem() {
  const { t, lang } = useDoctorT();
  const problem = useDoctor((s) => s.problem);
  if (!problem) return null;
  const { error, retryAfterSec } = problem;
  const text = error.code === "doctor_rate_limited" ? t("panel.limited", { seconds: retryAfterSec ?? 60 }) : t("panel.failed", { message: errorSentences(error, lang) });
  return (
    <p data-testid="doctor-problem" data-code={error.code} role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200">
      {text}
    </p>
  );
}

/** The connection doctor: what it will test and cost, the Run button, then the checklist. */
export function DoctorDialog() {
  const { t } = useDoctorT();
  const ui = useT();
  const close = useDoctorPanel((s) => s.close);
  const { model, identity, running, runs, steps, via, endpoints, probes, prepare, set, run } = useDoctor();
  // Re-read when the own-key setting changes: it decides which endpoint is checked.
  useSettings((s) => s.own);
  useAccess((s) => s.config);
  const target = apiTarget().via;
  useEffect(() => prepare(), [prepare]);
  const shownVia = steps ? via : target;
  return (
    <Dialog title={t("panel.title")} testId="doctor-dialog" closeLabel={ui("settings.close")} onClose={close}>
      <div data-testid="doctor-panel" data-running={running ? "true" : "false"} data-runs={runs} className="space-y-4 overflow-y-auto px-5 py-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t(shownVia === "direct" ? "panel.introDirect" : "panel.introServer")}</p>
        <form
          className="space-y-3 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <label className="block text-sm">
            <span className="mb-1 block font-medium">{t("panel.model")}</span>
            <input data-testid="doctor-model" className={inputClass} value={model} disabled={running} onChange={(e) => set({ model: e.target.value })} spellCheck={false} autoCapitalize="off" />
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input data-testid="doctor-identity" type="checkbox" className="mt-1" checked={identity} disabled={running} onChange={(e) => set({ identity: e.target.checked })} />
            <span>
              {t("panel.identity", { count: IDENTITY_PROBES.length })}
              <span className="block text-xs text-zinc-500">{t("panel.identityHint")}</span>
            </span>
          </label>
          <DoctorCost model={model.trim() || "?"} identity={identity} />
          {target === "server" && <p className="text-xs text-zinc-500">{t("panel.limit")}</p>}
          <button type="submit" data-testid="doctor-run" disabled={running || !model.trim()} className="w-full rounded-lg bg-emerald-600 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-60 sm:w-auto">
            {running ? t("panel.running") : steps ? t("panel.runAgain") : t("panel.run")}
          </button>
        </form>
        <Problem />
        {steps && (
          <ol data-testid="doctor-steps" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {STEP_IDS.map((id) => <DoctorStep key={id} view={steps[id]} />)}
          </ol>
        )}
        {endpoints && (endpoints.length > 1 || endpoints.some((e) => e.state === "cooling" || e.failures > 0)) && <DoctorEndpoints endpoints={endpoints} />}
        {probes && probes.length > 0 && <DoctorProbes probes={probes} />}
      </div>
    </Dialog>
  );
}
