import { describe, expect, it } from "vitest";
import type { ChatMessage, Conversation } from "@/lib/types";
import type { SearchRequest, SearchResponse } from "@/lib/search/protocol";
import { createSearchCore } from "@/lib/search/worker-core";
import { createSearchClient, type Connect } from "./search";

const msg = (id: string, content: string): ChatMessage => ({ id, role: "user", content, status: "done", createdAt: 1 });
const conv = (id: string, messages: ChatMessage[], updatedAt = 1): Conversation => ({ id, title: id, titleSettled: true, createdAt: 1, updatedAt, messages, leafId: null, overrides: {}, ledger: [] });

/** A worker stand-in: requests are seen at once, searches answered when `answer()` is called. */
function fakeWorker() {
  const sent: SearchRequest[] = [];
  const deferred: Array<() => void> = [];
  let fail: (reason: string) => void = () => undefined;
  const connect: Connect = (receive, onFail) => {
    fail = onFail;
    const core = createSearchCore(receive, (run) => deferred.push(run));
    return (request) => {
      sent.push(request);
      core.handle(request);
    };
  };
  return { connect, sent, answer: () => deferred.splice(0).forEach((run) => run()), die: (reason: string) => fail(reason) };
}

function setup(conversations: Record<string, Conversation>) {
  const worker = fakeWorker();
  const answers: SearchResponse[] = [];
  const idle: Array<() => void> = [];
  let current = conversations;
  const client = createSearchClient({ read: () => current, onAnswer: (r) => answers.push(r), connect: worker.connect, later: (run) => idle.push(run) });
  return { client, worker, answers, idle, set: (next: Record<string, Conversation>) => (current = next), runIdle: () => idle.splice(0).forEach((run) => run()) };
}

describe("search client", () => {
  it("sends the history in the background, and a query goes after whatever is still waiting", () => {
    const { client, worker, answers, idle } = setup({ a: conv("a", [msg("1", "alpha beta")]) });
    client.sync();
    expect(worker.sent).toEqual([]);
    expect(idle).toHaveLength(1);
    client.query("beta", 10);
    expect(worker.sent.map((r) => r.type)).toEqual(["update", "query"]);
    worker.answer();
    expect(answers[0]).toMatchObject({ type: "result", query: "beta", answer: { groups: [{ convId: "a" }] } });
  });

  it("searches what the conversations hold at the time of the query (an edit is found by its new text)", () => {
    const s = setup({ a: conv("a", [msg("1", "old words")]) });
    s.client.sync();
    s.runIdle();
    s.set({ a: conv("a", [msg("1", "new words")], 2) });
    s.client.query("new", 10);
    s.worker.answer();
    expect(s.answers[0]).toMatchObject({ answer: { groups: [{ convId: "a", hits: [{ messageId: "1" }] }] } });
    const update = s.worker.sent.filter((r) => r.type === "update").at(-1);
    expect(update).toEqual({ type: "update", updates: [{ conv: { id: "a", title: "a", updatedAt: 2 }, set: [["1", "new words"]] }] });
  });

  it("never hands on an answer older than one already handed on", () => {
    // Queries that do not narrow each other: each one needs the worker.
    const { client, worker, answers } = setup({ a: conv("a", [msg("1", "abc")]) });
    client.query("a", 10);
    worker.answer();
    client.query("b", 10);
    client.query("c", 10);
    worker.answer();
    expect(answers.map((r) => r.type === "result" && r.query)).toEqual(["a", "c"]);
  });

  it("drops an answer to a query typed over since: only the newest query's answer is handed on", () => {
    // A worker whose answers are still on their way back to the page until `deliver()`.
    const inbox: SearchResponse[] = [];
    const runs: Array<() => void> = [];
    let receive: (r: SearchResponse) => void = () => undefined;
    const connect: Connect = (onAnswer) => {
      receive = onAnswer;
      const core = createSearchCore((r) => inbox.push(r), (run) => runs.push(run));
      return (request) => core.handle(request);
    };
    const work = () => runs.splice(0).forEach((run) => run());
    const answers: SearchResponse[] = [];
    const client = createSearchClient({ read: () => ({ a: conv("a", [msg("1", "abc")]) }), onAnswer: (r) => answers.push(r), connect, later: () => undefined });
    const deliver = () => inbox.splice(0).forEach((r) => receive(r));
    client.query("a", 10);
    work();
    deliver();
    client.query("b", 10);
    work();
    client.query("c", 10);
    work();
    expect(inbox.map((r) => r.query)).toEqual(["b", "c"]);
    deliver();
    expect(answers.map((r) => r.query)).toEqual(["a", "c"]);
  });

  it("answers a query that narrows the last answered one at once, on the page, the same as the worker would", () => {
    const history = { a: conv("a", [msg("1", "kubernetes ingress"), msg("2", "kubectl")], 2), b: conv("b", [msg("3", "KUBERNETES")], 1) };
    const { client, worker, answers } = setup(history);
    client.query("kub", 10);
    expect(answers).toHaveLength(0);
    worker.answer();
    client.query("kube", 10);
    // No worker answer yet: this one came from the page, in the query's own call.
    expect(answers.map((r) => r.query)).toEqual(["kub", "kube"]);
    const local = answers[1];
    worker.answer();
    // The worker's answer to the same query is not handed on again, and says the same.
    expect(answers).toHaveLength(2);
    const fresh = createSearchCore(() => undefined).index;
    for (const c of Object.values(history)) fresh.update({ conv: c, set: c.messages.map((m) => [m.id, m.content]) });
    expect(local.type === "result" && local.answer).toEqual(fresh.search("kube", { limit: 10 }));
    expect(worker.sent.filter((r) => r.type === "query").map((r) => r.type === "query" && r.query)).toEqual(["kub", "kube"]);
  });

  it("leaves it to the worker when the index changed since, the query is not narrower, or another page is asked", () => {
    const s = setup({ a: conv("a", [msg("1", "kubernetes ingress")]) });
    s.client.query("kub", 10);
    s.worker.answer();
    s.set({ a: conv("a", [msg("1", "kubernetes ingress"), msg("2", "kubelet")], 2) });
    s.client.query("kube", 10);
    expect(s.answers.map((r) => r.query)).toEqual(["kub"]);
    s.worker.answer();
    expect(s.answers.map((r) => r.query)).toEqual(["kub", "kube"]);
    s.client.query("kub", 10);
    s.client.query("kube", 40);
    expect(s.answers.map((r) => r.query)).toEqual(["kub", "kube"]);
    s.client.query("kubel", 10);
    expect(s.answers.map((r) => r.query)).toEqual(["kub", "kube", "kubel"]);
  });

  it("ignores a message on the channel that is not an answer, and goes on answering", () => {
    let receive: (r: SearchResponse) => void = () => undefined;
    const runs: Array<() => void> = [];
    const connect: Connect = (onAnswer) => {
      receive = onAnswer;
      const core = createSearchCore(onAnswer, (run) => runs.push(run));
      return (request) => core.handle(request);
    };
    const answers: SearchResponse[] = [];
    const client = createSearchClient({ read: () => ({ a: conv("a", [msg("1", "abc")]) }), onAnswer: (r) => answers.push(r), connect, later: () => undefined });
    client.query("ab", 10);
    for (const junk of [undefined, {}, { type: "result" }, { type: "result", id: 5, query: "ab" }, { type: "ready", id: 6, query: "" }]) receive(junk as unknown as SearchResponse);
    expect(answers).toEqual([]);
    runs.splice(0).forEach((run) => run());
    expect(answers.map((r) => r.type === "result" && r.answer.groups.length)).toEqual([1]);
  });

  it("moves into the page when the worker dies, sending everything again and the pending query", async () => {
    const { client, worker, answers } = setup({ a: conv("a", [msg("1", "still here")]) });
    client.query("still", 10);
    worker.die("boom");
    expect(answers).toHaveLength(0);
    // The in-page core defers its search by one task (setTimeout 0), queued before this one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answers[0]).toMatchObject({ type: "result", query: "still", answer: { groups: [{ convId: "a" }] } });
  });
});
