"use client";
import { useEffect, useState } from "react";
import { useT } from "@/store/language";
import { BUILD_INFO } from "@/lib/build-info";
import { offlineSupport, type OfflineSupport } from "@/lib/client/service-worker";

/** Settings → About: which build this is, and whether the app works offline here (and why not). */
export function AboutSection() {
  const t = useT();
  const [support, setSupport] = useState<OfflineSupport | null>(null);
  useEffect(() => {
    setSupport(offlineSupport());
    if (!("serviceWorker" in navigator)) return;
    const update = () => setSupport(offlineSupport());
    navigator.serviceWorker.addEventListener("controllerchange", update);
    return () => navigator.serviceWorker.removeEventListener("controllerchange", update);
  }, []);
  return (
    <div className="space-y-2 text-sm" data-testid="about">
      <p>
        <span className="text-zinc-500">{t("about.version")}: </span>
        <span data-testid="app-version" className="font-mono">{BUILD_INFO.version}</span>
        {BUILD_INFO.commit && <span className="ml-2 font-mono text-zinc-500">{t("about.commit", { commit: BUILD_INFO.commit })}</span>}
      </p>
      {support && (
        <p data-testid="offline-support" data-status={support} className={support === "insecure" ? "text-amber-700 dark:text-amber-400" : "text-zinc-600 dark:text-zinc-400"}>
          {t(`about.offline.${support}`)}
        </p>
      )}
      {(support === "ready" || support === "installing") && <p className="text-zinc-500">{t("about.install")}</p>}
      <p className="text-zinc-500">{t("about.shortcuts")}</p>
    </div>
  );
}
