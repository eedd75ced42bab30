"use client";
import type { ErrorInfo } from "@/lib/errors";
import type { EndpointVerdict, Note } from "@/lib/relay/doctor/types";
import { describeError } from "@/lib/upstream/error-hints";
import { formatDuration } from "@/lib/chat/answer-info";
import { CopyButton } from "@/components/ui/copy-button";
import type { StepView } from "@/store/doctor";
import { StatusIcon } from "./status-badge";
import { useDoctorT } from "./use-doctor-t";

/** The fix: plain words, and a snippet to copy when there is one (a BASE_URL, nginx lines). */
function Fix({ fix, host }: { fix: Note; host?: string }) {
  const { t, note } = useDoctorT();
  return (
    <div data-testid="doctor-fix" data-fix={fix.key} className="mt-2 rounded-md border border-emerald-200 bg-emerald-50/70 px-3 py-2 text-sm text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950/30 dark:text-emerald-100">
      <span className="font-semibold">{t("panel.fix")}{host ? ` (${host})` : ""}: </span>
      {note(fix)}
      {fix.code && (
        <div className="mt-2 flex items-start gap-2">
          <pre data-testid="doctor-fix-code" className="min-w-0 flex-1 overflow-x-auto whitespace-pre rounded bg-white/80 px-2 py-1.5 font-mono text-xs text-zinc-800 dark:bg-black/40 dark:text-zinc-100">{fix.code}</pre>
          <CopyButton text={fix.code} label={t("panel.copy")} />
        </div>
      )}
    </div>
  );
}

/** Fixes that only point at what the endpoint said: the error's own hint then says what to do. */
const POINTING = new Set(["model.fix.error", "key.fix.retry", "stream.fix.error"]);

/**
 * What the endpoint said, its own words and the request id to quote to the relay; with the chat's
 * explanation of the error when the step's fix has nothing more specific.
 */
function UpstreamSaid({ error, explain }: { error: ErrorInfo; explain: boolean }) {
  const { lang } = useDoctorT();
  const { title, hint } = describeError(error, lang);
  return (
    <div data-testid="doctor-upstream" data-code={error.code} className="mt-2 rounded-md bg-zinc-100 px-3 py-2 text-xs text-zinc-700 dark:bg-zinc-800/70 dark:text-zinc-300">
      <p className="font-medium">{title}{error.status > 0 ? ` · HTTP ${error.status}` : ""}</p>
      {explain && <p className="mt-0.5">{hint}</p>}
      {error.upstreamMessage && <p className="mt-1 break-words font-mono opacity-80">{error.upstreamMessage}</p>}
      {error.requestId && <p className="mt-1 opacity-80">request id: <code className="select-all">{error.requestId}</code></p>}
    </div>
  );
}

/** One endpoint's own verdict in a step that ran on every endpoint of BASE_URL. */
function EndpointLine({ line }: { line: EndpointVerdict }) {
  const { note } = useDoctorT();
  const text = note(line.finding);
  return (
    <li data-testid="doctor-step-endpoint" data-host={line.host} data-status={line.status} className="text-sm">
      <div className="flex items-start gap-2">
        <StatusIcon status={line.status} small />
        {/* The host once: most findings already name it. */}
        <p className="min-w-0 break-words">{!text.includes(line.host) && <code className="mr-1 text-xs font-semibold">{line.host}</code>}{text}</p>
      </div>
      {line.fix && (line.status === "fail" || line.status === "warn") && <Fix fix={line.fix} host={line.host} />}
    </li>
  );
}

export function DoctorStep({ view }: { view: StepView }) {
  const { t, note } = useDoctorT();
  const done = "finding" in view;
  return (
    <li data-testid="doctor-step" data-step={view.step} data-status={view.status} data-finding={done ? view.finding.key : ""} className="flex gap-3 py-3">
      <StatusIcon status={view.status} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3">
          <h4 className="font-medium">{t(`step.${view.step}`)}</h4>
          {done && view.ms !== undefined && <span className="text-xs tabular-nums text-zinc-500" data-testid="doctor-step-ms">{formatDuration(view.ms)}</span>}
          {!done && <span className="text-xs text-zinc-500">{t(`status.${view.status}`)}</span>}
        </div>
        {done && (
          <>
            <p data-testid="doctor-finding" className="mt-0.5 break-words text-sm text-zinc-700 dark:text-zinc-300">{note(view.finding)}</p>
            {view.details?.map((d) => <p key={d.key} className="mt-0.5 break-words text-xs text-zinc-500">{note(d)}</p>)}
            {view.endpoints && (
              <ul className="mt-2 space-y-2 border-l-2 border-zinc-200 pl-3 dark:border-zinc-700">
                {view.endpoints.map((e) => <EndpointLine key={e.host} line={e} />)}
              </ul>
            )}
            {view.error && <UpstreamSaid error={view.error} explain={!view.fix || POINTING.has(view.fix.key)} />}
            {view.fix && <Fix fix={view.fix} />}
          </>
        )}
      </div>
    </li>
  );
}
