import { describe, expect, it } from "vitest";
import { finalBlockTexts, forgetLiveBlocks, lastSplit, liveBlocks, tailTexts } from "./live-blocks";
import { splitMarkdownBlocks } from "../markdown-blocks";
import { mixedMarkdown } from "../../bench/lib/mixed-content.mjs";

describe("liveBlocks", () => {
  it("splits like a full split at every step of a stream, and keeps the closed list while no block closes", () => {
    const { text } = mixedMarkdown(1500);
    let last = liveBlocks("m1", "");
    let identities = 0;
    for (let end = 0; end <= text.length; end += 37) {
      const now = liveBlocks("m1", text.slice(0, end));
      expect(now.blocks.map((b) => b.text)).toEqual(splitMarkdownBlocks(text.slice(0, end)).map((b) => b.text));
      expect(now.closed).toEqual(now.blocks.slice(0, -1).map((b) => b.text));
      if (now.closed !== last.closed) identities++;
      else expect(now.closed.length).toBe(last.closed.length);
      last = now;
    }
    // A new list only when a block closed (far fewer than the updates).
    expect(identities).toBeLessThanOrEqual(last.closed.length + 2);
    expect(identities).toBeGreaterThan(5);
    forgetLiveBlocks("m1");
  });

  it("gives the same split for the same text, and starts over for text that did not grow", () => {
    const a = liveBlocks("m2", "one\n\ntwo\n\nthree");
    expect(liveBlocks("m2", "one\n\ntwo\n\nthree")).toBe(a);
    expect(liveBlocks("m2", "other\n\ntext").closed).toEqual(["other"]);
    expect(tailTexts(liveBlocks("m2", "a\n\nb\n\nc"), 1)).toEqual(["b", "c"]);
    forgetLiveBlocks("m2");
  });

  it("keeps each message's split apart", () => {
    liveBlocks("x", "x1\n\nx2");
    expect(liveBlocks("y", "y1\n\ny2\n\ny3").closed).toEqual(["y1", "y2"]);
    expect(liveBlocks("x", "x1\n\nx2").closed).toEqual(["x1"]);
  });

  it("splits the final text from the last live split, and leaves that split to the stream", () => {
    const { text } = mixedMarkdown(1500);
    const live = liveBlocks("m3", text.slice(0, text.length - 200));
    const split = lastSplit("m3");
    expect(finalBlockTexts("m3", text)).toEqual(splitMarkdownBlocks(text).map((b) => b.text));
    expect(lastSplit("m3")).toBe(split);
    expect(liveBlocks("m3", text.slice(0, text.length - 200))).toBe(live);
    // Without a live split (a stored answer, or one forgotten), the whole text is split.
    forgetLiveBlocks("m3");
    expect(lastSplit("m3")).toBeNull();
    expect(finalBlockTexts("m3", text)).toEqual(splitMarkdownBlocks(text).map((b) => b.text));
  });
});
