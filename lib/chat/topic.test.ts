import { describe, expect, it } from "vitest";
import { canStartTopic, splitAtTopic } from "./topic";

const m = (id: string, topicBreak?: boolean, status: "done" | "streaming" = "done") => ({ id, topicBreak, status });

describe("splitAtTopic", () => {
  it("keeps everything when nothing is marked", () => {
    const thread = [m("a"), m("b")];
    expect(splitAtTopic(thread)).toEqual({ current: thread, breakId: null, hidden: 0 });
  });

  it("starts after the last mark, the marked message included in what is hidden", () => {
    const split = splitAtTopic([m("a"), m("b", true), m("c"), m("d", true), m("e"), m("f")]);
    expect(split.current.map((x) => x.id)).toEqual(["e", "f"]);
    expect(split.breakId).toBe("d");
    expect(split.hidden).toBe(4);
  });

  it("leaves nothing when the last message is marked", () => {
    expect(splitAtTopic([m("a"), m("b", true)]).current).toEqual([]);
  });
});

describe("canStartTopic", () => {
  it("needs a last message that is neither marked nor streaming", () => {
    expect(canStartTopic([])).toBe(false);
    expect(canStartTopic([m("a")])).toBe(true);
    expect(canStartTopic([m("a", true)])).toBe(false);
    expect(canStartTopic([m("a"), m("b", false, "streaming")])).toBe(false);
  });
});
