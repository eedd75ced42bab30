"use client";
import { lazy, Suspense } from "react";
import type { ErrorInfo } from "@/lib/errors";
import { useT } from "@/store/language";
import { FoldedDetail } from "@/components/ui/folded-detail";

// The explained error (with the hints of every error code, in both languages) is only needed once
// something fails: it loads then, or after start (`preloadErrorCard`). If its chunk cannot be
// fetched (offline, a deployment in between), the bare message is shown rather than nothing.
let loading: ReturnType<typeof load> | null = null;
function load() {
  return import("./error-card").then((m) => ({ default: m.ErrorCard }));
}
const loadErrorCard = () =>
  (loading ??= load().catch(() => {
    loading = null;
    return { default: BareError };
  }));
const ErrorCardLazy = lazy(loadErrorCard);

export function preloadErrorCard(): void {
  void loadErrorCard();
}

/**
 * The hints of every error code, for a text without the card (the answer announcer). Taken from the
 * card's own chunk, the one preloaded above: a failure offline finds it in the service worker's
 * cache, where a chunk of their own, first asked for at that moment, would not be.
 */
export const loadErrorHints = () => import("./error-card").then((m) => m.errorHints);

/** A sentence in the page's language; the error's own (English, technical) message folded under it. */
function BareError({ error }: { error: ErrorInfo }) {
  const t = useT();
  return (
    <div data-testid="error-bare" data-code={error.code} role="alert" className="mt-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200">
      <p>{t("error.bare")}</p>
      <FoldedDetail className="mt-1" label={t("error.technicalDetail")} text={error.upstreamMessage ?? error.message} />
    </div>
  );
}

/** ErrorCard, loaded on first use; the bare message shows while it loads. */
export function LazyErrorCard({ error }: { error: ErrorInfo }) {
  return (
    <Suspense fallback={<BareError error={error} />}>
      <ErrorCardLazy error={error} />
    </Suspense>
  );
}
