import { describe, expect, it } from "vitest";
import { within } from "./within";

describe("within", () => {
  it("gives the result when it comes in time", async () => {
    expect(await within(Promise.resolve(7), 50, 0)).toBe(7);
  });
  it("gives the fallback when it does not", async () => {
    expect(await within(new Promise<number>(() => undefined), 10, -1)).toBe(-1);
  });
});
