import { describe, expect, it } from "vitest";
import type { SearchResponse } from "./protocol";
import { createSearchCore } from "./worker-core";

function setup() {
  const posted: SearchResponse[] = [];
  const deferred: Array<() => void> = [];
  const core = createSearchCore((r) => posted.push(r), (run) => deferred.push(run));
  const drain = () => {
    while (deferred.length) deferred.shift()!();
  };
  return { core, posted, drain };
}

describe("search worker core", () => {
  it("applies updates in order and answers a query with what was sent before it", () => {
    const { core, posted, drain } = setup();
    core.handle({ type: "update", updates: [{ conv: { id: "c", title: "Chat", updatedAt: 1 }, set: [["m", "hello world"]] }] });
    core.handle({ type: "query", id: 1, query: "world", limit: 10 });
    drain();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: "result", id: 1, query: "world", answer: { groups: [{ convId: "c", hits: [{ messageId: "m", at: 6 }] }] } });
  });

  it("answers only the newest of the queries that piled up", () => {
    const { core, posted, drain } = setup();
    core.handle({ type: "update", updates: [{ conv: { id: "c", title: "", updatedAt: 1 }, set: [["m", "abc"]] }] });
    core.handle({ type: "query", id: 1, query: "a", limit: 10 });
    core.handle({ type: "query", id: 2, query: "ab", limit: 10 });
    core.handle({ type: "query", id: 3, query: "abc", limit: 10 });
    drain();
    expect(posted.map((r) => r.id)).toEqual([3]);
  });

  it("sees an update that arrives after the query but before it runs; forgets on clear and drop", () => {
    const { core, posted, drain } = setup();
    core.handle({ type: "query", id: 1, query: "late", limit: 10 });
    core.handle({ type: "update", updates: [{ conv: { id: "c", title: "late title", updatedAt: 1 } }] });
    drain();
    expect(posted[0]).toMatchObject({ answer: { groups: [{ convId: "c", titleAt: 0 }] } });
    core.handle({ type: "drop", ids: ["c"] });
    core.handle({ type: "query", id: 2, query: "late", limit: 10 });
    drain();
    expect(posted[1]).toMatchObject({ id: 2, answer: { groups: [] } });
    core.handle({ type: "update", updates: [{ conv: { id: "d", title: "late", updatedAt: 1 } }] });
    core.handle({ type: "clear" });
    expect(core.index.stats().conversations).toBe(0);
  });
});
