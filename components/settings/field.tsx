"use client";
import type { ReactNode } from "react";

export const inputClass = "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-emerald-500 dark:border-zinc-700 dark:bg-zinc-950";

export function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="mb-1 block font-medium">{label}</span>
      {children}
      {hint && <span className="mt-1 block text-xs text-zinc-500">{hint}</span>}
    </label>
  );
}

/** A number input that keeps what the user types and reports only valid numbers within bounds. */
export function NumberInput({ value, onChange, min, max, step, testId, label }: { value: number; onChange: (n: number) => void; min: number; max: number; step: number; testId?: string; label?: string }) {
  return (
    <input
      data-testid={testId}
      aria-label={label}
      type="number"
      className={inputClass}
      min={min}
      max={max}
      step={step}
      defaultValue={value}
      onChange={(e) => {
        const n = Number(e.target.value);
        if (e.target.value !== "" && Number.isFinite(n) && n >= min && n <= max) onChange(n);
      }}
    />
  );
}
