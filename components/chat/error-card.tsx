"use client";
import type { ErrorInfo } from "@/lib/errors";
import * as errorHints from "@/lib/upstream/error-hints";
import { useLang, useT } from "@/store/language";
import { useAccess } from "@/store/access";
import { useDoctorPanel } from "@/store/doctor-panel";
import { AlertIcon } from "@/components/ui/icons";
import { FoldedDetail } from "@/components/ui/folded-detail";
import { formatBytes } from "@/lib/chat/request-bytes";

/** For lazy-error-card.tsx's loadErrorHints: the hints travel in this module's chunk. */
export { errorHints };
const { describeError, failedInBrowser, fixedByReconnecting } = errorHints;

const ACCESS_CODES = new Set(["access_code_required", "access_code_invalid"]);
// The doctor cannot help with these: they are about this page's access code, not the upstream.
const NOT_DIAGNOSABLE = new Set([...ACCESS_CODES, "access_locked", "doctor_rate_limited"]);

/** For a request refused by its size: how large it was, and the limit that refused it or should be raised to. */
function SizeLine({ error }: { error: ErrorInfo }) {
  const t = useT();
  const lang = useLang();
  const serverLimit = useAccess((s) => s.config?.maxRequestBytes);
  const parts: string[] = [];
  if (error.requestBytes) parts.push(t("error.requestSize", { size: formatBytes(error.requestBytes, lang) }));
  if (error.limitBytes) parts.push(t("error.limitSize", { limit: formatBytes(error.limitBytes, lang) }));
  if (error.code === "gateway_body_limit" && serverLimit) parts.push(t("error.raiseTo", { limit: formatBytes(serverLimit, lang) }));
  if (parts.length === 0) return null;
  return (
    <p data-testid="error-size" className="mt-1 text-xs opacity-80">
      {parts.join(" · ")}
    </p>
  );
}

/** The raw words that came with the failure: the upstream's, to quote to a relay; or this browser's, tucked away. */
function RawDetail({ error }: { error: ErrorInfo }) {
  const t = useT();
  if (!error.upstreamMessage) return null;
  // Nothing reached the upstream: the text is the browser's fetch error (English, and no help to
  // most readers), so it is a folded technical detail, never "the upstream said".
  if (failedInBrowser(error.code)) {
    return <FoldedDetail testId="error-browser-detail" className="mt-1" label={t("error.browserDetail")} text={error.upstreamMessage} />;
  }
  return (
    <p data-testid="error-upstream-said" className="mt-1 break-words text-xs opacity-80">
      {t("message.upstreamSaid")}: <code>{error.upstreamMessage}</code>
    </p>
  );
}

/**
 * A failure explained: what happened, the likely cause and what to do, and the relay's request id.
 * `resend`: the card belongs to the answer that can be regenerated, so a failure that only needs the
 * connection back also says the question is kept and how to send it again.
 */
export function ErrorCard({ error, resend = false }: { error: ErrorInfo; resend?: boolean }) {
  const lang = useLang();
  const t = useT();
  const { title, hint } = describeError(error, lang);
  return (
    <div data-testid="error-hint" data-code={error.code} className="mt-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200">
      <div className="flex items-center gap-2 font-medium">
        <AlertIcon />
        <span>{title}</span>
        {error.status > 0 && <span className="ml-auto rounded bg-red-200/60 px-1.5 text-xs dark:bg-red-900/60">HTTP {error.status}</span>}
      </div>
      <p className="mt-1">{hint}</p>
      {resend && fixedByReconnecting(error.code) && <p data-testid="error-kept" className="mt-1">{t("error.keptResend")}</p>}
      {error.model && (
        <p className="mt-1 break-words text-xs opacity-80">
          {t("message.model")}: <code>{error.model}</code>
        </p>
      )}
      <SizeLine error={error} />
      <RawDetail error={error} />
      {error.requestId && (
        <p className="mt-1 text-xs opacity-80">
          {t("message.requestId")}: <code className="select-all">{error.requestId}</code>
        </p>
      )}
      {ACCESS_CODES.has(error.code) && (
        <button type="button" className="mt-2 rounded border border-current px-2 py-0.5 text-xs" onClick={() => useAccess.getState().setVerified(false)}>
          {t("access.change")}
        </button>
      )}
      {!NOT_DIAGNOSABLE.has(error.code) && (
        <button type="button" data-testid="error-diagnose" className="mt-2 rounded border border-current px-2 py-0.5 text-xs font-medium hover:bg-red-100 dark:hover:bg-red-900/40" onClick={() => useDoctorPanel.getState().openDoctor()}>
          {t("error.diagnose")}
        </button>
      )}
    </div>
  );
}
