"use client";
import { useEffect, useState } from "react";
import { readStorageStatus, requestPersistence, usageFigures, type PersistState, type StorageStatus } from "@/lib/client/storage-estimate";
import { useLang, useT } from "@/store/language";

const PERSIST_TEXT = { granted: "settings.persistGranted", denied: "settings.persistDenied", unknown: "settings.persistUnknown" } as const;

/** Space used and available to this site, and whether the browser keeps its data when space runs low. */
export function StorageStatus() {
  const t = useT();
  const lang = useLang();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [asking, setAsking] = useState(false);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    let live = true;
    void readStorageStatus(navigator, window.isSecureContext).then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, []);

  const ask = async () => {
    setAsking(true);
    const persist: PersistState = await requestPersistence(navigator);
    setAsking(false);
    setRefused(persist === "denied");
    setStatus((s) => (s?.kind === "ok" ? { ...s, persist } : s));
  };

  if (!status) return <p className="text-sm text-zinc-500">{t("settings.storageLoading")}</p>;
  if (status.kind !== "ok") {
    return (
      <p data-testid="storage-usage" data-state={status.kind} className="pb-2 text-sm">
        {t(status.kind === "insecure" ? "settings.storageInsecure" : "settings.storageUnsupported")}
      </p>
    );
  }
  const figures = usageFigures(status, lang);
  return (
    <div className="space-y-2 pb-2 text-sm">
      <p className="font-medium">{t("settings.storageTitle")}</p>
      <p data-testid="storage-usage" data-state="ok">
        {figures ? t("settings.storageUsage", figures) : t("settings.storageUsageUnknown")}
      </p>
      <p data-testid="storage-persisted" data-state={status.persist} className={status.persist === "granted" ? "text-emerald-700 dark:text-emerald-400" : ""}>
        {t(PERSIST_TEXT[status.persist])}
      </p>
      {status.persist !== "granted" && status.canAsk && (
        <button type="button" data-testid="storage-persist" disabled={asking} className="rounded border border-zinc-300 px-3 py-1.5 text-sm disabled:opacity-50 dark:border-zinc-700" onClick={() => void ask()}>
          {t("settings.persistAsk")}
        </button>
      )}
      {refused && <p data-testid="storage-persist-refused" className="text-xs text-zinc-500">{t("settings.persistRefused")}</p>}
    </div>
  );
}
