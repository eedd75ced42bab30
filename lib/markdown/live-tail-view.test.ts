import { describe, expect, it } from "vitest";
import { createLiveTailView, type TailSegment } from "./live-tail-view";

/** Segments as a list of strings (what the page would show, in order), and a worker answered by hand. */
function harness() {
  const page: { html: string; removed: boolean }[] = [];
  const asked: { text: string; answer: (html: string) => void; fail: () => void }[] = [];
  const shown: number[] = [];
  const view = createLiveTailView({
    html: (text) => new Promise((resolve, reject) => asked.push({ text, answer: resolve, fail: () => reject(new Error("gone")) })),
    addSegment(): TailSegment {
      const slot = { html: "", removed: false };
      page.push(slot);
      return { setHtml: (html) => void (slot.html = html), remove: () => void (slot.removed = true) };
    },
    shown: (at) => shown.push(at),
    now: () => 7,
  });
  const visible = () => page.filter((s) => !s.removed).map((s) => s.html);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { view, asked, visible, shown, settle };
}

describe("createLiveTailView", () => {
  it("shows each block's HTML, asking one at a time and only for the latest text", async () => {
    const { view, asked, visible, shown, settle } = harness();
    view.show(0, ["a"]);
    view.show(0, ["ab"]);
    view.show(0, ["abc"]);
    expect(asked.map((a) => a.text)).toEqual(["a"]);
    asked[0].answer("<p>a</p>");
    await settle();
    expect(visible()).toEqual(["<p>a</p>"]);
    // The texts in between were never asked for: the next request is the latest.
    expect(asked.map((a) => a.text)).toEqual(["a", "abc"]);
    asked[1].answer("<p>abc</p>");
    await settle();
    expect(visible()).toEqual(["<p>abc</p>"]);
    expect(shown).toEqual([7, 7]);
    expect(asked).toHaveLength(2);
  });

  it("adds a segment per new block, and drops the ones React took over, at once", async () => {
    const { view, asked, visible, settle } = harness();
    view.show(3, ["x", "y"]);
    asked[0].answer("X");
    await settle();
    asked[1].answer("Y");
    await settle();
    expect(visible()).toEqual(["X", "Y"]);
    view.show(4, ["y", "z"]);
    // Block 3 is gone before any answer: the renderer shows it now.
    expect(visible()).toEqual(["Y", ""]);
    expect(asked[2].text).toBe("z");
    asked[2].answer("Z");
    await settle();
    expect(visible()).toEqual(["Y", "Z"]);
  });

  it("drops an answer for a segment that left meanwhile, and goes on after a failed request", async () => {
    const { view, asked, visible, settle } = harness();
    view.show(0, ["a", "b"]);
    view.show(1, ["b"]);
    asked[0].answer("A");
    await settle();
    expect(visible()).toEqual([""]);
    asked[1].fail();
    await settle();
    view.show(1, ["bc"]);
    expect(asked.at(-1)!.text).toBe("bc");
    asked.at(-1)!.answer("BC");
    await settle();
    expect(visible()).toEqual(["BC"]);
  });

  it("removes everything and ignores late answers once disposed", async () => {
    const { view, asked, visible, settle } = harness();
    view.show(0, ["a"]);
    view.dispose();
    asked[0].answer("A");
    await settle();
    expect(visible()).toEqual([]);
    view.show(0, ["b"]);
    expect(asked).toHaveLength(1);
  });
});
