/** The doctor's texts in the page's language (only the doctor panel loads these dictionaries). */
import { doctorEn, type DoctorKey } from "./doctor.en";
import { doctorZhCN } from "./doctor.zh-CN";
import type { Lang } from "./index";

export type { DoctorKey };

const dictionaries: Record<Lang, Record<DoctorKey, string>> = { en: doctorEn, "zh-CN": doctorZhCN };

export function translateDoctor(lang: Lang, key: DoctorKey, values?: Record<string, string | number>): string {
  const text = dictionaries[lang]?.[key] ?? doctorEn[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}
