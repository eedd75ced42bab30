// Persistence cost while streaming ("Fast at any length", figure 4).
//
// About 5 MB of conversations are written into the app's IndexedDB before it opens; then an
// answer of N tokens streams (5 ms apart) into one of them. IDBObjectStore.prototype.put is wrapped
// (before any app script) to sum the synchronous time of each put — which includes the structured
// clone of the record, i.e. serialising the whole conversation — and IDBDatabase.prototype.transaction
// to count read-write transactions and time them until their complete event. Reported: put time ÷
// tokens streamed, and the number of write transactions, from Enter until 1.5 s after the answer is
// done (the throttled final write included).
//
//   node bench/persistence.mjs [--runs 3] [--tokens 3000] [--mb 5] [--conversations 20]
import { args, figure, longMarkdown, loadLine, median, paragraph, report, rng, round, seededPage, sentence, sleep, waitComposer, withStack } from "./lib.mjs";
import { streamProbe } from "./lib/page-probe.mjs";

const a = args();
const runs = a.num("runs", 3);
const tokens = a.num("tokens", 3000);
const mb = a.num("mb", 5);
const nConv = a.num("conversations", 20);

function idbProbe() {
  const s = (window.__idb = { on: false, puts: 0, putMs: 0, putMax: 0, putChars: 0, byStore: {}, tx: 0, txDone: 0, txMs: [] });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, ...rest) {
    if (!s.on) return put.call(this, value, ...rest);
    const t = performance.now();
    try {
      return put.call(this, value, ...rest);
    } finally {
      const d = performance.now() - t;
      s.puts++;
      s.putMs += d;
      s.putMax = Math.max(s.putMax, d);
      s.byStore[this.name] = (s.byStore[this.name] ?? 0) + 1;
      // Message text written: one record per message in the app's storage layout (version 2).
      if (value?.message) s.putChars += value.message.content?.length ?? 0;
    }
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (names, mode, ...rest) {
    const tx = transaction.call(this, names, mode, ...rest);
    if (s.on && mode === "readwrite") {
      s.tx++;
      const t0 = performance.now();
      tx.addEventListener("complete", () => {
        s.txDone++;
        s.txMs.push(performance.now() - t0);
      });
    }
    return tx;
  };
}

/** About `mb` MB of conversations as JSON, in `n` conversations of ~100-character-to-4 kB messages. */
function history(mbTotal, n, seed = 11) {
  const rand = rng(seed);
  const perConv = (mbTotal * 2 ** 20) / n;
  const out = [];
  const t0 = Date.UTC(2025, 0, 1);
  for (let c = 0; c < n; c++) {
    const messages = [];
    let size = 0;
    for (let i = 0; size < perConv; i++) {
      const content = i % 2 === 0 ? sentence(rand) : paragraph(rand, 4 + Math.floor(rand() * 30));
      const m = { id: `c${c}m${i}`, role: i % 2 === 0 ? "user" : "assistant", content, status: "done", createdAt: t0 + i * 1000 };
      if (m.role === "assistant") Object.assign(m, { model: "gpt-4o-mini", usage: { promptTokens: 100 + i, completionTokens: Math.ceil(content.length / 4), estimated: false }, cost: null, finishReason: "stop" });
      messages.push(m);
      size += JSON.stringify(m).length;
    }
    out.push({ id: `bench-conv-${c}`, title: `Conversation ${c}`, titleSettled: true, createdAt: t0 + c, updatedAt: t0 + c, messages, overrides: {}, ledger: [] });
  }
  return out;
}

const conversations = history(mb, nConv);
const total = Buffer.byteLength(JSON.stringify(conversations));
const current = conversations[conversations.length - 1];
const { pieces } = longMarkdown(tokens, 5);
console.log(
  `persistence: ${conversations.length} conversations, ${(total / 2 ** 20).toFixed(2)} MB as JSON (the one streamed into: ${current.messages.length} messages, ${(Buffer.byteLength(JSON.stringify(current)) / 1024).toFixed(0)} kB); ` +
    `answer of ${pieces.length} chunks 5 ms apart; ${runs} run(s)`,
);
console.log(loadLine("load at start"));

await withStack(async ({ stack, browser }) => {
  const results = [];
  for (let i = 1; i <= runs; i++) {
    const { context, page } = await seededPage(browser, stack.url, conversations, current.id);
    await page.addInitScript(idbProbe);
    await page.addInitScript(streamProbe);
    await page.goto(stack.url);
    await waitComposer(page);
    await sleep(2500);
    stack.mock.enqueue({ kind: "stream", contentChunks: pieces, chunkDelayMs: 5 });
    await page.getByTestId("composer-input").fill(`Another long answer, please (run ${i})`);
    const t0 = await page.evaluate(() => {
      window.__idb.on = true;
      return performance.now();
    });
    await page.getByTestId("composer-input").press("Enter");
    await page.evaluate(() => new Promise((resolve) => (window.__bench.doneFrame ? resolve() : (window.__bench.resolve = resolve))));
    const tDone = await page.evaluate(() => window.__bench.doneFrame.perf);
    await sleep(1500);
    const s = await page.evaluate(() => {
      window.__idb.on = false;
      return window.__idb;
    });
    await context.close();
    const txMs = median(s.txMs);
    const r = { ...s, perToken: s.putMs / pieces.length, txMedian: txMs, seconds: (tDone - t0) / 1000 };
    results.push(r);
    console.log(
      `run ${i}: ${round(r.seconds)} s streaming; ${s.puts} puts (${Object.entries(s.byStore).map(([k, v]) => `${k} ${v}`).join(", ")}), synchronous put time ${round(s.putMs)} ms ` +
        `(max ${round(s.putMax)} ms, ${round(s.putMs / Math.max(1, s.puts), 2)} ms per put, ${(s.putChars / Math.max(1, s.byStore.messages ?? 1) / 1024).toFixed(1)} kB of message text per message put) → ` +
        `${round(r.perToken, 4)} ms per token; ${s.tx} write transactions (${s.txDone} completed, median ${round(txMs)} ms to complete); ${loadLine("load")}`,
    );
  }
  report(
    "persistence",
    [
      figure("IndexedDB put time per streamed token", median(results.map((r) => r.perToken)), "ms", 1),
      figure("IndexedDB put time, whole answer", median(results.map((r) => r.putMs)), "ms", null),
      figure("write transactions per answer", median(results.map((r) => r.tx)), "", null),
      figure("slowest single put", median(results.map((r) => r.putMax)), "ms", null),
      figure("write transaction to complete, median", median(results.map((r) => r.txMedian)), "ms", null),
    ],
    { runs, tokens: pieces.length, historyMB: round(total / 2 ** 20, 2) },
  );
});
process.exit(0);
