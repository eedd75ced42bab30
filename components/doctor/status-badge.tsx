"use client";
import { AlertIcon, CheckIcon, XIcon } from "@/components/ui/icons";
import { useDoctorT } from "./use-doctor-t";

export type ShownStatus = "ok" | "warn" | "fail" | "skipped" | "pending" | "running";

const RING: Record<ShownStatus, string> = {
  ok: "bg-emerald-100 text-emerald-700 dark:bg-emerald-900/50 dark:text-emerald-300",
  warn: "bg-amber-100 text-amber-700 dark:bg-amber-900/50 dark:text-amber-300",
  fail: "bg-red-100 text-red-700 dark:bg-red-900/50 dark:text-red-300",
  skipped: "bg-zinc-100 text-zinc-400 dark:bg-zinc-800 dark:text-zinc-500",
  pending: "bg-zinc-100 text-zinc-400 dark:bg-zinc-800 dark:text-zinc-500",
  running: "bg-sky-100 text-sky-700 dark:bg-sky-900/50 dark:text-sky-300",
};

/** A step's state as a round icon, with its name for screen readers. */
export function StatusIcon({ status, small = false }: { status: ShownStatus; small?: boolean }) {
  const { t } = useDoctorT();
  const size = small ? "h-5 w-5" : "h-7 w-7";
  const icon = small ? "h-3 w-3" : "h-4 w-4";
  return (
    <span role="img" aria-label={t(`status.${status}`)} title={t(`status.${status}`)} className={`inline-flex ${size} shrink-0 items-center justify-center rounded-full ${RING[status]}`}>
      {status === "ok" && <CheckIcon className={icon} />}
      {status === "warn" && <AlertIcon className={icon} />}
      {status === "fail" && <XIcon className={icon} />}
      {status === "running" && <span className={`${icon} animate-spin rounded-full border-2 border-current border-t-transparent`} />}
      {(status === "skipped" || status === "pending") && <span className="h-1.5 w-1.5 rounded-full bg-current" />}
    </span>
  );
}
