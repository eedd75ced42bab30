import { describe, expect, it } from "vitest";
import { DEFAULT_PRICES, estimateCost, formatCost, priceFor, PRICES_TAKEN_AT, type CostSettings } from "./pricing";

const USD: CostSettings = { currency: "USD", usdToCny: 7.2, multiplier: 1 };

describe("priceFor", () => {
  it("finds list prices by family prefix, longest first", () => {
    expect(priceFor("gpt-4o")).toEqual({ input: 2.5, output: 10 });
    expect(priceFor("gpt-4o-mini-2024-07-18")).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor("gpt-4o-2024-05-13")).toEqual({ input: 5, output: 15 });
    expect(priceFor("gpt-4.1-mini")).toEqual({ input: 0.4, output: 1.6 });
    expect(priceFor("o4-mini")).toEqual({ input: 1.1, output: 4.4 });
    expect(priceFor("gpt-4-0613")).toEqual({ input: 30, output: 60 });
    expect(priceFor("claude-sonnet-4-5-20250929")).toEqual({ input: 3, output: 15 });
    expect(priceFor("gpt-5-pro")).toEqual({ input: 15, output: 120 });
    expect(priceFor("deepseek-chat")).toEqual(DEFAULT_PRICES["deepseek-chat"]);
  });

  it("returns null for unknown models instead of guessing", () => {
    expect(priceFor("qwen-max")).toBeNull();
    expect(priceFor("my-private-model")).toBeNull();
  });

  it("lets user prices win and fill gaps, ignoring invalid ones", () => {
    expect(priceFor("gpt-4o", { "gpt-4o": { input: 1, output: 2 } })).toEqual({ input: 1, output: 2 });
    expect(priceFor("qwen-max-latest", { "qwen-max": { input: 0.33, output: 1.3 } })).toEqual({ input: 0.33, output: 1.3 });
    expect(priceFor("gpt-4o", { "gpt-4o": { input: Number.NaN, output: 2 } })).toEqual({ input: 2.5, output: 10 });
  });

  it("states when the prices were taken", () => {
    expect(PRICES_TAKEN_AT).toMatch(/^\d{4}-\d{2}$/);
  });
});

describe("estimateCost", () => {
  const gpt4o = { input: 2.5, output: 10 };

  it("prices input and output per million tokens", () => {
    // 1000 × 2.5 / 1M + 500 × 10 / 1M = 0.0025 + 0.005
    expect(estimateCost({ promptTokens: 1000, completionTokens: 500 }, gpt4o, USD)).toBeCloseTo(0.0075, 12);
    expect(estimateCost({ promptTokens: 1_000_000, completionTokens: 0 }, gpt4o, USD)).toBeCloseTo(2.5, 12);
  });

  it("applies the relay multiplier and converts to CNY", () => {
    const cny: CostSettings = { currency: "CNY", usdToCny: 7, multiplier: 0.5 };
    // 0.0075 USD × 0.5 × 7 = 0.02625 CNY
    expect(estimateCost({ promptTokens: 1000, completionTokens: 500 }, gpt4o, cny)).toBeCloseTo(0.02625, 12);
    expect(estimateCost({ promptTokens: 1000, completionTokens: 500 }, gpt4o, { ...USD, multiplier: 2 })).toBeCloseTo(0.015, 12);
  });

  it("treats a broken multiplier as 1 but keeps a deliberate 0", () => {
    const u = { promptTokens: 1000, completionTokens: 0 };
    expect(estimateCost(u, gpt4o, { ...USD, multiplier: Number.NaN })).toBeCloseTo(0.0025, 12);
    expect(estimateCost(u, gpt4o, { ...USD, multiplier: 0 })).toBe(0);
  });

  it("returns null without a price", () => {
    expect(estimateCost({ promptTokens: 1000, completionTokens: 500 }, null, USD)).toBeNull();
  });
});

describe("formatCost", () => {
  it("keeps significant digits of small values", () => {
    expect(formatCost(0.00042, "USD", "en")).toBe("$0.00042");
    expect(formatCost(0.000423, "USD", "en")).toBe("$0.00042");
    expect(formatCost(0.0123, "USD", "en")).toBe("$0.012");
    expect(formatCost(0.5, "USD", "en")).toBe("$0.50");
    expect(formatCost(12.345, "USD", "en")).toBe("$12.35");
    expect(formatCost(0, "USD", "en")).toBe("$0.00");
    expect(formatCost(1e-9, "USD", "en")).toBe("<$0.000001");
  });

  it("formats CNY for Chinese and English readers", () => {
    expect(formatCost(0.003, "CNY", "zh-CN")).toBe("¥0.0030");
    expect(formatCost(0.003, "CNY", "en")).toBe("CN¥0.0030");
  });

  it("shows a dash for unknown cost", () => {
    expect(formatCost(null, "USD", "en")).toBe("—");
  });
});
