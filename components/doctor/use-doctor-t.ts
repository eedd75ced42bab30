"use client";
import { useCallback } from "react";
import { translateDoctor, type DoctorKey } from "@/lib/i18n/doctor";
import type { Note } from "@/lib/relay/doctor/types";
import { useLang } from "@/store/language";

/** The doctor's texts in the page's language; `note` words a step's finding or fix. */
export function useDoctorT() {
  const lang = useLang();
  const t = useCallback((key: DoctorKey, values?: Record<string, string | number>) => translateDoctor(lang, key, values), [lang]);
  const note = useCallback((n: Note) => translateDoctor(lang, n.key, n.values), [lang]);
  return { t, note, lang };
}
