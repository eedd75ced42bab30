"use client";
import type { EndpointReport } from "@/lib/relay/doctor/types";
import { useDoctorT } from "./use-doctor-t";

/** Each endpoint of the server's BASE_URL list with its failover state (host only). */
export function DoctorEndpoints({ endpoints }: { endpoints: EndpointReport[] }) {
  const { t } = useDoctorT();
  return (
    <section className="text-sm">
      <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500">{t("panel.endpoints")}</h4>
      <ul className="space-y-1">
        {endpoints.map((e, i) => (
          <li key={`${e.host}-${i}`} data-testid="doctor-endpoint" data-host={e.host} data-state={e.state} className="flex flex-wrap items-baseline gap-x-2">
            <span className="text-xs tabular-nums text-zinc-400">{i + 1}.</span>
            <code className="text-xs font-semibold">{e.host}</code>
            <span className={`text-xs ${e.state === "cooling" ? "text-amber-700 dark:text-amber-400" : "text-zinc-500"}`}>
              {e.state === "cooling"
                ? t("panel.endpointCooling", { seconds: Math.ceil((e.coolingForMs ?? 0) / 1000), failures: e.failures, error: e.lastError ?? "?" })
                : e.failures > 0
                  ? t("panel.endpointFailures", { failures: e.failures })
                  : t("panel.endpointOk")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
