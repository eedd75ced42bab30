"use client";
import { useAccess } from "@/store/access";
import { useSettings } from "@/store/settings";
import { useT } from "@/store/language";

/** Shown when the server has no upstream and the user has no own key: says what to do instead of failing on send. */
export function SetupNotice({ onOpenSettings }: { onOpenSettings: () => void }) {
  const t = useT();
  const configured = useAccess((s) => s.config?.upstreamConfigured ?? true);
  const allowOwn = useAccess((s) => s.config?.allowUserApiKey !== false);
  const ownActive = useSettings((s) => s.own.enabled && Boolean(s.own.apiKey));
  if (configured || ownActive) return null;
  return (
    <div data-testid="setup-notice" className="mx-3 mt-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200 md:mx-auto md:max-w-3xl">
      <p className="font-medium">{t("setup.title")}</p>
      <p className="mt-1">{t("setup.body")}</p>
      {allowOwn && (
        <button type="button" data-testid="setup-open-settings" className="mt-2 rounded border border-current px-2 py-0.5 text-xs" onClick={onOpenSettings}>
          {t("setup.openSettings")}
        </button>
      )}
    </div>
  );
}
