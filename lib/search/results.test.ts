import { describe, expect, it } from "vitest";
import { groupsForOptions, resultOptions } from "./results";

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

describe("groupsForOptions", () => {
  const group = (titleAt: number, hits: number) => ({ convId: "c", titleAt, hits: Array.from({ length: hits }, (_, i) => ({ messageId: String(i), at: 0 })), total: hits });

  it("counts a title match and each hit as one option, and stops at the group that reaches the count", () => {
    const groups = [group(0, 3), group(-1, 3), group(-1, 2), group(-1, 1)];
    expect(groupsForOptions(groups, 4)).toBe(1);
    expect(groupsForOptions(groups, 5)).toBe(2);
    expect(groupsForOptions(groups, 8)).toBe(3);
    expect(groupsForOptions(groups, 100)).toBe(4);
  });

  it("renders at least one group", () => {
    expect(groupsForOptions([group(0, 0)], 0)).toBe(1);
    expect(groupsForOptions([], 8)).toBe(1);
  });
});
