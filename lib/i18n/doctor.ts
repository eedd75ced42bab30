/** The doctor's texts in the page's language (only the doctor panel loads these dictionaries). */
import { doctorEn, type DoctorKey } from "./doctor.en";
import { doctorZhCN } from "./doctor.zh-CN";
import type { Lang } from "./index";
import { fill, type Values } from "./fill";

export type { DoctorKey };

const dictionaries: Record<Lang, Record<DoctorKey, string>> = { en: doctorEn, "zh-CN": doctorZhCN };

export function translateDoctor(lang: Lang, key: DoctorKey, values?: Values): string {
  const own = dictionaries[lang]?.[key];
  const text = own ?? doctorEn[key] ?? key;
  if (!values) return text;
  return fill(own !== undefined ? lang : "en", text, values);
}
