import { describe, expect, it } from "vitest";
import { createSearchIndex } from "./search-index";

function seeded() {
  const index = createSearchIndex();
  index.update({
    conv: { id: "old", title: "Nginx buffering", updatedAt: 100 },
    set: [
      ["o1", "Why does my stream arrive all at once behind NGINX?"],
      ["o2", "Set proxy_buffering off and send X-Accel-Buffering: no."],
    ],
  });
  index.update({
    conv: { id: "new", title: "部署问题", updatedAt: 300 },
    set: [
      ["n1", "服务器部署以后打不开页面，端口映射对吗？"],
      ["n2", "检查 docker run -p 3000:3000 和防火墙；Nginx 需要关闭缓冲。"],
    ],
  });
  index.update({ conv: { id: "mid", title: "Retry budget", updatedAt: 200 }, set: [["m1", "A retry with a timeout of 30 s, then give up."]] });
  return index;
}

const ids = (a: ReturnType<ReturnType<typeof createSearchIndex>["search"]>) => a.groups.map((g) => [g.convId, g.titleAt, g.hits.map((h) => h.messageId)]);

describe("search index", () => {
  it("finds titles and messages case-insensitively, newest conversation first", () => {
    const answer = seeded().search("nginx");
    expect(ids(answer)).toEqual([
      ["new", -1, ["n2"]],
      ["old", 0, ["o1"]],
    ]);
    expect(answer).toMatchObject({ more: false, terms: ["nginx"] });
  });

  it("matches Chinese by substring, not by words", () => {
    const index = seeded();
    expect(ids(index.search("部署"))).toEqual([["new", 0, ["n1"]]]);
    expect(ids(index.search("映射对"))).toEqual([["new", -1, ["n1"]]]);
    expect(ids(index.search("防火"))).toEqual([["new", -1, ["n2"]]]);
    expect(index.search("署以后打").groups).toHaveLength(1);
  });

  it("gives where the match starts, in the original text's positions", () => {
    const index = seeded();
    const hit = index.search("ACCEL").groups[0].hits[0];
    expect(hit).toEqual({ messageId: "o2", at: "Set proxy_buffering off and send X-".length });
    expect(index.search("端口").groups[0].hits[0].at).toBe("服务器部署以后打不开页面，".length);
    // Several terms: the earliest of them.
    expect(index.search("docker 防火墙").groups[0].hits[0].at).toBe("检查 ".length);
  });

  it("folds full-width input to half-width", () => {
    expect(ids(seeded().search("ＤＯＣＫＥＲ"))).toEqual([["new", -1, ["n2"]]]);
  });

  it("needs every term of a query, anywhere in the same message", () => {
    const index = seeded();
    expect(ids(index.search("retry give"))).toEqual([["mid", -1, ["m1"]]]);
    expect(index.search("retry nginx").groups).toEqual([]);
    expect(index.search("   ").groups).toEqual([]);
  });

  it("covers every branch: messages are indexed whatever the leaf", () => {
    const index = createSearchIndex();
    // Two answers to one question: a regenerated version is a sibling, both searchable.
    index.update({
      conv: { id: "c", title: "t", updatedAt: 1 },
      set: [
        ["q", "Explain quicksort"],
        ["a1", "Quicksort picks a pivot (first version)"],
        ["a2", "Quicksort partitions around a pivot (second version)"],
      ],
    });
    expect(index.search("pivot").groups[0]).toMatchObject({ total: 2, hits: [{ messageId: "a1" }, { messageId: "a2" }] });
    expect(index.search("second version").groups[0].hits.map((h) => h.messageId)).toEqual(["a2"]);
  });

  it("updates incrementally: an edited message is found by its new text only", () => {
    const index = seeded();
    expect(ids(index.search("proxy_buffering"))).toEqual([["old", -1, ["o2"]]]);
    index.update({ conv: { id: "old", title: "Nginx buffering", updatedAt: 400 }, set: [["o2", "Turn off gzip for text/event-stream."]] });
    expect(index.search("proxy_buffering").groups).toEqual([]);
    expect(ids(index.search("event-stream"))).toEqual([["old", -1, ["o2"]]]);
    // The newer time moved it to the top, and the message kept its place in the conversation.
    expect(ids(index.search("nginx"))).toEqual([
      ["old", 0, ["o1"]],
      ["new", -1, ["n2"]],
    ]);
    expect(index.stats()).toMatchObject({ conversations: 3, messages: 5 });
  });

  it("forgets removed messages and dropped conversations", () => {
    const index = seeded();
    index.update({ conv: { id: "new", title: "部署问题", updatedAt: 300 }, removed: ["n2"] });
    expect(index.search("docker").groups).toEqual([]);
    expect(index.search("部署").groups[0]).toMatchObject({ convId: "new", total: 1 });
    index.drop(["new"]);
    expect(index.search("部署").groups).toEqual([]);
    expect(index.stats()).toMatchObject({ conversations: 2, messages: 3 });
    const chars = index.stats().chars;
    index.drop(["missing"]);
    expect(index.stats().chars).toBe(chars);
  });

  it("finds a renamed title", () => {
    const index = seeded();
    index.update({ conv: { id: "mid", title: "Backoff policy", updatedAt: 200 } });
    expect(index.search("budget").groups.map((g) => g.convId)).toEqual([]);
    expect(index.search("backoff").groups).toEqual([{ convId: "mid", titleAt: 0, hits: [], total: 0 }]);
  });

  it("gives the same answers while typing on as from scratch, also after a change in between", () => {
    const index = seeded();
    const fresh = () => {
      const other = seeded();
      return (q: string) => other.search(q);
    };
    const typed = ["n", "ng", "ngi", "ngin", "nginx", "nginx ", "nginx n", "nginx ne", "ne"];
    const scratch = fresh();
    for (const q of typed) expect(ids(index.search(q)), q).toEqual(ids(scratch(q)));
    index.search("retr");
    index.update({ conv: { id: "old", title: "Nginx buffering", updatedAt: 100 }, set: [["o3", "retry later"]] });
    expect(index.search("retry").groups.map((g) => [g.convId, g.total])).toEqual([["mid", 1], ["old", 1]]);
  });

  it("stops after the limit, says there is more, and counts the returned conversations' messages", () => {
    const index = createSearchIndex();
    for (let c = 0; c < 50; c++) {
      index.update({ conv: { id: `c${c}`, title: `chat ${c}`, updatedAt: c }, set: Array.from({ length: 10 }, (_, i): [string, string] => [`m${i}`, `token ${i}`]) });
    }
    const answer = index.search("token", { limit: 5, hitsPerConversation: 2 });
    expect(answer.groups.map((g) => g.convId)).toEqual(["c49", "c48", "c47", "c46", "c45"]);
    expect(answer.groups[0]).toMatchObject({ total: 10, hits: [{ messageId: "m0" }, { messageId: "m1" }] });
    expect(answer.more).toBe(true);
    expect(index.search("token", { limit: 50 }).more).toBe(false);
    // Typing on after a search that stopped early still reads the conversations it did not reach.
    index.update({ conv: { id: "c0", title: "chat 0", updatedAt: 0 }, set: [["m0", "tokens"]] });
    index.search("token", { limit: 2 });
    expect(index.search("tokens", { limit: 2 }).groups.map((g) => g.convId)).toEqual(["c0"]);
  });
});
