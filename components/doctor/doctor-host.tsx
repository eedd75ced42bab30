"use client";
import { lazy, Suspense } from "react";
import { useDoctorPanel } from "@/store/doctor-panel";

// The doctor (its steps, texts and drivers) loads when first opened, not with the page.
const DoctorDialog = lazy(() => import("./doctor-dialog").then((m) => ({ default: m.DoctorDialog })));

/** Renders the doctor panel while it is open, wherever it was opened from. */
export function DoctorHost() {
  const open = useDoctorPanel((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <DoctorDialog />
    </Suspense>
  );
}
