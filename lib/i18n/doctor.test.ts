import { describe, expect, it } from "vitest";
import { translateDoctor } from "./doctor";
import { doctorEn } from "./doctor.en";
import { doctorZhCN } from "./doctor.zh-CN";

describe("doctor i18n", () => {
  it("has every key in both languages, none empty", () => {
    expect(Object.keys(doctorZhCN).sort()).toEqual(Object.keys(doctorEn).sort());
    for (const [k, v] of Object.entries(doctorZhCN)) expect(v, k).not.toBe("");
  });

  it("keeps the same {placeholders} in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(doctorEn) as (keyof typeof doctorEn)[]) expect(names(doctorZhCN[key]), key).toEqual(names(doctorEn[key]));
  });

  it("fills values", () => {
    expect(translateDoctor("en", "model.noChannel", { model: "gpt-4o-mnii" })).toContain("“gpt-4o-mnii”");
    expect(translateDoctor("zh-CN", "panel.limited", { seconds: 42 })).toContain("42 秒");
  });
});
