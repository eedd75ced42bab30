import { describe, expect, it } from "vitest";
import { foldText, queryTerms } from "./fold";
import { narrowSearch, type FoldedSource } from "./narrow";
import { createSearchIndex } from "./search-index";

const WORDS = ["alpha", "beta", "gamma", "delta", "proxy", "timeout", "retry", "服务器", "配置", "数据库", "连接池", "Nginx", "ＡＢＣ", "kubernetes", "ingress"];

/** A small random history (seeded), held both by an index and as the page would hold it. */
function history(seed: number, conversations: number) {
  let x = seed;
  const rand = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
  const text = (n: number) => Array.from({ length: n }, () => WORDS[rand(WORDS.length)]).join(rand(3) ? " " : "");
  const convs = Array.from({ length: conversations }, (_, i) => ({
    id: `c${i}`,
    title: text(2),
    updatedAt: rand(1000),
    messages: Array.from({ length: 1 + rand(6) }, (_, j) => ({ id: `m${i}-${j}`, content: text(1 + rand(8)) })),
  }));
  const load = () => {
    const index = createSearchIndex();
    for (const c of convs) index.update({ conv: c, set: c.messages.map((m) => [m.id, m.content]) });
    return index;
  };
  const source: FoldedSource = {
    title: (id) => convs.find((c) => c.id === id) && foldText(convs.find((c) => c.id === id)!.title),
    text: (convId, id) => {
      const m = convs.find((c) => c.id === convId)?.messages.find((m) => m.id === id);
      return m && foldText(m.content);
    },
  };
  return { load, source };
}

describe("narrowing on the page", () => {
  it("gives the index's own answer for every query that extends the last one, or null", () => {
    let answered = 0;
    let declined = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { load, source } = history(seed, 40);
      const index = load();
      for (const full of ["kubernetes ingress", "服务器配置", "proxy timeout", "ａｂｃ", "retry alpha", "数据库连接池"]) {
        for (const limit of [3, 30]) {
          index.search("");
          for (let i = 1; i < full.length; i++) {
            index.search(full.slice(0, i), { limit });
            const base = index.candidates()!;
            const next = full.slice(0, i + 1);
            const local = narrowSearch(base, queryTerms(next), limit, source);
            const fresh = load().search(next, { limit });
            if (local) {
              answered++;
              expect(local, `${next} (seed ${seed}, limit ${limit})`).toEqual(fresh);
            } else declined++;
          }
        }
      }
    }
    // Both paths were taken: a cut scan that the narrower query does not fill needs the worker.
    expect(answered).toBeGreaterThan(100);
    expect(declined).toBeGreaterThan(10);
  });

  it("answers from a scan cut at the limit when the candidates still fill it", () => {
    const index = createSearchIndex();
    for (let i = 0; i < 5; i++) index.update({ conv: { id: `k${i}`, title: "", updatedAt: i }, set: [[`m${i}`, "kubernetes ingress"]] });
    index.search("kub", { limit: 2 });
    const base = index.candidates()!;
    expect(base.complete).toBe(false);
    const source: FoldedSource = { title: () => "", text: () => "kubernetes ingress" };
    const local = narrowSearch(base, queryTerms("kube"), 2, source);
    expect(local).toEqual({ terms: ["kube"], groups: [expect.objectContaining({ convId: "k4" }), expect.objectContaining({ convId: "k3" })], more: true });
    expect(local).toEqual(index.search("kube", { limit: 2 }));
  });

  it("declines a query that does not extend the last one, another limit, or text the page no longer has", () => {
    const { load, source } = history(7, 20);
    const index = load();
    index.search("retry");
    const base = index.candidates()!;
    expect(base.complete).toBe(true);
    expect(narrowSearch(base, queryTerms("retr"), 30, source)).toBeNull();
    expect(narrowSearch(base, queryTerms("retry"), 10, source)).toBeNull();
    expect(narrowSearch(base, queryTerms("retry alpha"), 30, source)).not.toBeNull();
    expect(narrowSearch(base, queryTerms("retry alpha"), 30, { title: () => undefined, text: () => undefined })).toBeNull();
  });

  it("hands out no candidates once the index changed, or when they hold more text than asked", () => {
    const { load } = history(3, 20);
    const index = load();
    index.search("a");
    expect(index.candidates(10)).toBeNull();
    expect(index.candidates()).not.toBeNull();
    index.update({ conv: { id: "c0", title: "x", updatedAt: 1 } });
    expect(index.candidates()).toBeNull();
  });
});
