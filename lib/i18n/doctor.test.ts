import { describe, expect, it } from "vitest";
import { translateDoctor } from "./doctor";
import { placeholderNames } from "./fill";
import { doctorEn } from "./doctor.en";
import { doctorZhCN } from "./doctor.zh-CN";

describe("doctor i18n", () => {
  it("has every key in both languages, none empty", () => {
    expect(Object.keys(doctorZhCN).sort()).toEqual(Object.keys(doctorEn).sort());
    for (const [k, v] of Object.entries(doctorZhCN)) expect(v, k).not.toBe("");
  });

  it("keeps the same {placeholders} in both languages", () => {
    const names = (s: string) => placeholderNames(s).sort();
    for (const key of Object.keys(doctorEn) as (keyof typeof doctorEn)[]) expect(names(doctorZhCN[key]), key).toEqual(names(doctorEn[key]));
  });

  it("says 1 of a thing in the singular in English", () => {
    expect(translateDoctor("en", "panel.endpointFailures", { failures: 1 })).toBe("failover: ready, 1 recent failure");
    expect(translateDoctor("en", "panel.endpointFailures", { failures: 2 })).toBe("failover: ready, 2 recent failures");
    expect(translateDoctor("en", "key.ok", { count: 1 })).toContain("lists 1 model.");
  });

  it("fills values", () => {
    expect(translateDoctor("en", "model.noChannel", { model: "gpt-4o-mnii" })).toContain("“gpt-4o-mnii”");
    expect(translateDoctor("zh-CN", "panel.limited", { seconds: 42 })).toContain("42 秒");
  });
});
