// A long conversation ("Fast at any length", figure 3).
//
// A conversation of 2,000 messages (mixed lengths, some with code blocks, lists and tables) is
// written into the app's IndexedDB before the app opens. Measured: the time from navigation start
// to the last message being visible (cold: a fresh context's first load; warm: a reload), and the
// latency of keystrokes typed into the composer of that conversation — from the keydown event to
// the frame after the input was handled (requestAnimationFrame, then setTimeout 0), with the Event
// Timing API's duration (keydown → next paint, reported from 16 ms) as a cross-check.
//
//   node bench/long-conversation.mjs [--runs 3] [--messages 2000] [--keys 50] [--profile]
//
// --profile: one more reload under the CDP sampling profiler (navigation → markdown rendered).
import { printProfile, startProfile, stopProfile, summariseProfile } from "./lib/cpu-profile.mjs";
import { args, figure, loadLine, median, percentile, report, rng, round, seededPage, sentence, paragraph, sleep, waitComposer, withStack } from "./lib.mjs";

const a = args();
const runs = a.num("runs", 3);
const profile = a.has("profile");
const count = a.num("messages", 2000);
const keys = a.num("keys", 50);

function codeBlock(rand, k) {
  const lines = [];
  const n = 6 + Math.floor(rand() * 20);
  for (let i = 0; i < n; i++) lines.push(`${"  ".repeat(i % 3)}const v${k}_${i} = compute(${i}, "${sentence(rand, 1, 3).slice(0, -1)}");`);
  return ["```ts", ...lines, "```"].join("\n");
}

/** Deterministic conversation: alternating user / assistant, mixed lengths. */
export function longConversation(n, seed = 7) {
  const rand = rng(seed);
  const t0 = Date.UTC(2025, 0, 1);
  const messages = [];
  for (let i = 0; i < n; i++) {
    const id = `m${String(i).padStart(5, "0")}`;
    const createdAt = t0 + i * 60_000;
    if (i % 2 === 0) {
      messages.push({ id, role: "user", content: rand() < 0.8 ? sentence(rand) : paragraph(rand, 3), status: "done", createdAt });
      continue;
    }
    const r = rand();
    let content;
    if (r < 0.55) content = paragraph(rand, 2 + Math.floor(rand() * 3));
    else if (r < 0.8) content = [paragraph(rand, 3), "", `- ${sentence(rand)}`, `- ${sentence(rand)}`, `- ${sentence(rand)}`, "", paragraph(rand, 2)].join("\n");
    else if (r < 0.95) content = [paragraph(rand, 2), "", codeBlock(rand, i), "", paragraph(rand, 2)].join("\n");
    else content = [`## ${sentence(rand, 2, 4)}`, "", paragraph(rand, 4), "", "| a | b |", "| --- | --- |", "| 1 | 2 |", "| 3 | 4 |", "", codeBlock(rand, i), "", paragraph(rand, 5)].join("\n");
    const completionTokens = Math.ceil(content.length / 4);
    messages.push({ id, role: "assistant", content, status: "done", createdAt, model: "gpt-4o-mini", usage: { promptTokens: 500 + i * 3, completionTokens, estimated: false }, cost: null, finishReason: "stop" });
  }
  // The conversation ends with an answer that has markdown, so "shown" includes its rendering.
  const last = messages[messages.length - 1];
  if (last.role === "assistant" && !last.content.includes("```")) last.content += `\n\n${codeBlock(rand, n)}`;
  return {
    id: "bench-long-conversation",
    title: "A long conversation",
    titleSettled: true,
    createdAt: t0,
    updatedAt: t0 + n * 60_000,
    messages,
    overrides: {},
    ledger: [],
  };
}

/** Stamps window.__shown at the first frame where the last message is in the viewport. */
function shownProbe(lastId) {
  window.__lt = [];
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__lt.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    /* unsupported */
  }
  const check = () => {
    const el = document.querySelector(`[data-message-id="${lastId}"]`);
    if (el) {
      const r = el.getBoundingClientRect();
      if (r.height > 0 && r.bottom > 0 && r.top < innerHeight) {
        window.__shown = performance.now();
        window.__shownMarkdown = el.querySelector(".markdown") ? performance.now() : undefined;
        if (window.__shownMarkdown === undefined) {
          const md = () => (el.querySelector(".markdown") ? (window.__shownMarkdown = performance.now()) : requestAnimationFrame(md));
          requestAnimationFrame(md);
        }
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function measureLoad(page, navigate) {
  await navigate();
  await page.waitForFunction(() => window.__shown !== undefined && window.__shownMarkdown !== undefined, null, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => {
    const lt = window.__lt.filter((t) => t.start <= window.__shownMarkdown);
    return {
      shown: window.__shown,
      shownMarkdown: window.__shownMarkdown,
      longTasks: lt.length,
      longTaskMs: lt.reduce((n, t) => n + t.duration, 0),
      longTaskMax: lt.reduce((n, t) => Math.max(n, t.duration), 0),
      messagesInDom: document.querySelectorAll('[data-testid="message"]').length,
      domNodes: document.getElementsByTagName("*").length,
    };
  });
}

async function measureKeystrokes(page) {
  const composer = page.getByTestId("composer-input");
  await composer.click();
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid="composer-input"]');
    window.__ks = [];
    window.__ev = [];
    let pending = null;
    document.addEventListener("keydown", (e) => e.target === el && (pending = { t0: e.timeStamp, key: e.key }), true);
    el.addEventListener("input", () => {
      const p = pending;
      pending = null;
      if (!p) return;
      const tInput = performance.now();
      requestAnimationFrame(() => {
        const tFrame = performance.now();
        setTimeout(() => {
          window.__ks.push({ key: p.key, toInput: tInput - p.t0, toFrame: tFrame - p.t0, total: performance.now() - p.t0, ok: el.value.endsWith(p.key) });
        }, 0);
      });
    });
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.interactionId) window.__ev.push({ id: e.interactionId, name: e.name, duration: e.duration, processing: e.processingEnd - e.processingStart });
      }).observe({ type: "event", durationThreshold: 16 });
    } catch {
      /* unsupported */
    }
  });
  const text = "the quick brown fox jumps over the lazy dog 0123456789 and again".slice(0, keys);
  for (let i = 0; i < text.length; i++) {
    await page.keyboard.type(text[i]);
    await page.evaluate((n) => new Promise((r) => { const c = () => (window.__ks.length >= n ? r() : setTimeout(c, 5)); c(); }), i + 1);
    await sleep(40);
  }
  await sleep(300);
  return page.evaluate(() => {
    const slow = new Map();
    for (const e of window.__ev) slow.set(e.id, Math.max(slow.get(e.id) ?? 0, e.duration));
    return { ks: window.__ks, slowInteractions: [...slow.values()], preview: Boolean(document.querySelector('[data-testid="send-preview"]')) };
  });
}

const conv = longConversation(count);
const lastId = conv.messages[conv.messages.length - 1].id;
const bytes = Buffer.byteLength(JSON.stringify(conv));
console.log(`long-conversation: ${conv.messages.length} messages (${(bytes / 2 ** 20).toFixed(2)} MB as JSON, ${conv.messages.filter((m) => m.content.includes("```")).length} with code blocks); ${runs} run(s), ${keys} keystrokes each`);
console.log(loadLine("load at start"));

await withStack(async ({ stack, browser }) => {
  const results = [];
  for (let i = 1; i <= runs; i++) {
    const { context, page } = await seededPage(browser, stack.url, [conv], conv.id);
    await page.addInitScript(shownProbe, lastId);
    const cold = await measureLoad(page, () => page.goto(stack.url));
    await sleep(3000); // the tokenizer warms up 1.5 s after load; let it finish
    const warm = await measureLoad(page, () => page.reload());
    await waitComposer(page);
    await sleep(3000);
    const k = await measureKeystrokes(page);
    await context.close();
    const totals = k.ks.map((x) => x.total);
    results.push({ cold, warm, k, totals });
    console.log(
      `run ${i}: cold load → last message visible ${round(cold.shown)} ms (its markdown ${round(cold.shownMarkdown)} ms; ${cold.longTasks} long tasks, ${round(cold.longTaskMs)} ms, max ${round(cold.longTaskMax)} ms); ` +
        `reload → visible ${round(warm.shown)} ms (markdown ${round(warm.shownMarkdown)} ms; ${warm.longTasks} long tasks, ${round(warm.longTaskMs)} ms, max ${round(warm.longTaskMax)} ms); ` +
        `${warm.messagesInDom} message elements, ${warm.domNodes} DOM nodes; keystrokes: median ${round(median(totals))} ms, p95 ${round(percentile(totals, 95))} ms, max ${round(Math.max(...totals))} ms ` +
        `(keydown→input ${round(median(k.ks.map((x) => x.toInput)))} ms, →frame ${round(median(k.ks.map((x) => x.toFrame)))} ms); ` +
        `${k.slowInteractions.length}/${k.ks.length} interactions ≥ 16 ms by Event Timing${k.slowInteractions.length ? ` (max ${Math.max(...k.slowInteractions)} ms)` : ""}; ` +
        `${k.ks.filter((x) => !x.ok).length} value mismatches; send-preview ${k.preview ? "present" : "absent"}; ${loadLine("load")}`,
    );
  }
  if (profile) {
    const { context, page } = await seededPage(browser, stack.url, [conv], conv.id);
    await page.addInitScript(shownProbe, lastId);
    await measureLoad(page, () => page.goto(stack.url));
    await sleep(3000);
    const cdp = await context.newCDPSession(page);
    await startProfile(cdp);
    const r = await measureLoad(page, () => page.reload());
    const prof = await stopProfile(cdp);
    await context.close();
    console.log(`\nprofiled reload (not scored): visible ${round(r.shown)} ms, markdown ${round(r.shownMarkdown)} ms`);
    printProfile(await summariseProfile(prof, 30), "CPU profile of a reload until the last message's markdown is rendered");
  }
  const all = results.flatMap((r) => r.totals);
  report(
    "long-conversation",
    [
      figure(`reload → last of ${count} messages visible (plain-text fallback)`, median(results.map((r) => r.warm.shown)), "ms", 300),
      figure("reload → last message rendered (markdown)", median(results.map((r) => r.warm.shownMarkdown)), "ms", 300),
      figure("cold load → last message visible", median(results.map((r) => r.cold.shown)), "ms", null),
      figure("long-task time during reload", median(results.map((r) => r.warm.longTaskMs)), "ms", null),
      figure(`keystroke → next frame, median (${all.length} keys)`, median(all), "ms", 16),
      figure("keystroke → next frame, p95", percentile(all, 95), "ms", 16),
      figure("message elements in the DOM", median(results.map((r) => r.warm.messagesInDom)), "", null),
    ],
    { runs, messages: count, keys: all.length },
  );
});
process.exit(0);
