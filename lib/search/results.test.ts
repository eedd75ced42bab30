import { describe, expect, it } from "vitest";
import { resultOptions } from "./results";

describe("resultOptions", () => {
  it("lists a title match before the conversation's message hits, group by group", () => {
    const options = resultOptions({
      terms: ["x"],
      more: false,
      groups: [
        { convId: "a", titleAt: 0, hits: [{ messageId: "1", at: 0 }], total: 1 },
        { convId: "b", titleAt: -1, hits: [{ messageId: "2", at: 3 }, { messageId: "3", at: 1 }], total: 5 },
      ],
    });
    expect(options.map((o) => [o.convId, o.messageId ?? null])).toEqual([
      ["a", null],
      ["a", "1"],
      ["b", "2"],
      ["b", "3"],
    ]);
    expect(new Set(options.map((o) => o.key)).size).toBe(4);
  });
});
