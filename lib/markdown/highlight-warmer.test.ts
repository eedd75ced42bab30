import { describe, expect, it } from "vitest";
import { closedFenceText, createHighlightWarmer, WARM_FROM_CHARS } from "./highlight-warmer";

const line = "const value = compute(input, options); // a line of code\n";
const block = (lines: number, fence = "```ts") => `${fence}\n${line.repeat(lines)}`;

function setup() {
  const built: string[] = [];
  const runs: (() => void)[] = [];
  const warmer = createHighlightWarmer(
    (text) => (built.push(text), `tree of ${text.length}`),
    (run) => void runs.push(run),
  );
  const idle = () => runs.splice(0).forEach((run) => run());
  return { built, warmer, idle };
}

describe("closedFenceText", () => {
  it("closes an open fence with its own fence, on a line of its own", () => {
    expect(closedFenceText("```ts\nlet a = 1;\n")).toBe("```ts\nlet a = 1;\n```");
    expect(closedFenceText("~~~~\nlet a")).toBe("~~~~\nlet a\n~~~~");
    expect(closedFenceText("some prose")).toBeNull();
    expect(closedFenceText("```ts\nlet a = 1;\n```")).toBeNull();
    expect(closedFenceText("````ts\n```\n")).toBe("````ts\n```\n````");
  });
});

describe("createHighlightWarmer", () => {
  it("builds a long open block closed, again each time it has grown by half, and never a short one", () => {
    const { built, warmer, idle } = setup();
    const short = Math.floor(WARM_FROM_CHARS / line.length) - 2;
    warmer.consider(block(short));
    idle();
    expect(built).toEqual([]);
    const sizes: number[] = [];
    for (let n = short; n <= 300; n++) {
      warmer.consider(block(n));
      idle();
      if (built.length > sizes.length) sizes.push(n);
    }
    expect(sizes.length).toBeGreaterThanOrEqual(5);
    expect(sizes.length).toBeLessThanOrEqual(8);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i] / sizes[i - 1]).toBeGreaterThanOrEqual(1.45);
    expect(built.every((text) => text.endsWith("\n```"))).toBe(true);
  });

  it("builds only the newest text when updates come faster than the worker is idle", () => {
    const { built, warmer, idle } = setup();
    warmer.consider(block(40));
    warmer.consider(block(70));
    warmer.consider(block(120));
    idle();
    expect(built).toEqual([closedFenceText(block(120))]);
  });

  it("hands over the kept build only for the text it was made for", () => {
    const { warmer, idle } = setup();
    warmer.consider(block(60));
    idle();
    expect(warmer.take(closedFenceText(block(60))!)).toBe(`tree of ${closedFenceText(block(60))!.length}`);
    expect(warmer.take(closedFenceText(block(61))!)).toBeUndefined();
  });

  it("starts counting again for the next block", () => {
    const { built, warmer, idle } = setup();
    warmer.consider(block(100));
    idle();
    warmer.consider(block(40, "```python"));
    idle();
    expect(built).toHaveLength(2);
    expect(built[1].startsWith("```python")).toBe(true);
  });

  it("ignores prose and survives a build that throws", () => {
    const warmer = createHighlightWarmer(() => {
      throw new Error("no grammar");
    }, (run) => run());
    warmer.consider("prose ".repeat(1000));
    warmer.consider(block(100));
    expect(warmer.take(closedFenceText(block(100))!)).toBeUndefined();
  });
});
