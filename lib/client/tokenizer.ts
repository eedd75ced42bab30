/**
 * Token counts for the page, computed in a Web Worker (tokenizer-backend) and cached per text.
 * Reads are synchronous: a count not known yet comes back as an estimate marked `exact: false`,
 * is queued for the worker, and subscribers hear when exact counts arrive. Message contents go in
 * a large cache; texts without an id (the draft, the system prompt) in a small one, so typing
 * never evicts a long history's counts.
 */
import { encodingForModel, roughTokenCount, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE, type EncodingName } from "@/lib/tokens";
import { createTextCountCache, type TextCountCache } from "@/lib/text-count-cache";
import type { ApiMessage } from "@/lib/types";
import { within } from "@/lib/within";
import { createDefaultBackend, inThreadBackend, TokenizerWorkerError, type TokenizerBackend } from "./tokenizer-backend";
import { afterPaint } from "./after-paint";

// History counts kept per encoding: far above what one preview reads (the UI caps the history
// count at 1,000), since a render needing more would evict and re-ask without end.
const HISTORY_ENTRIES = 20_000;
/** Background batches stay small so each postMessage clone and each answer is quick. */
const BATCH_CHARS = 256_000;
// A draft is counted once typing pauses this long, and only its latest text: a count per
// keystroke would re-render the composer a second time for every key.
const DRAFT_SETTLE_MS = 120;
/** After a failed count (offline, ranks missing) estimates stand for a while before retrying. */
const RETRY_AFTER_MS = 30_000;
/**
 * The longest a send or a finished answer waits for exact counts (ranks still downloading on a
 * slow link); after that it goes on with estimates, which the ledger marks as such.
 */
export const EXACT_COUNT_WAIT_MS = 4000;

type Kind = "history" | "draft" | "role";

interface EncodingState {
  history: TextCountCache;
  drafts: TextCountCache;
  roles: Map<string, number>;
  /** Estimates of history texts not counted yet: a long one is estimated once, not per render. */
  rough: TextCountCache;
  /** The newest exact draft count: typing usually extends it, which makes a close estimate. */
  lastDraft: { text: string; count: number } | null;
  queued: Map<string, Kind>;
  /** The draft text queued per role: a newer draft of the same role replaces it in the queue. */
  queuedDraft: Map<string, string>;
  inFlight: Set<string>;
  ready: boolean;
  loading: Promise<void> | null;
  failedAt: number;
}

let backend: TokenizerBackend | null = null;
let workerFailed = false;
const states = new Map<EncodingName, EncodingState>();
const listeners = new Set<() => void>();
let version = 0;
let flushScheduled = false;

function stateFor(encoding: EncodingName): EncodingState {
  let s = states.get(encoding);
  if (!s) {
    s = { history: createTextCountCache(HISTORY_ENTRIES), drafts: createTextCountCache(64), roles: new Map(), rough: createTextCountCache(HISTORY_ENTRIES), lastDraft: null, queued: new Map(), queuedDraft: new Map(), inFlight: new Set(), ready: false, loading: null, failedAt: -Infinity };
    states.set(encoding, s);
  }
  return s;
}

/** Runs a backend call; if the worker itself is dead, moves counting into this thread once. */
async function withBackend<T>(call: (b: TokenizerBackend) => Promise<T>): Promise<T> {
  backend ??= createDefaultBackend();
  try {
    return await call(backend);
  } catch (err) {
    if (!(err instanceof TokenizerWorkerError) || workerFailed) throw err;
    workerFailed = true;
    backend = inThreadBackend();
    return call(backend);
  }
}

let notifyTimer: ReturnType<typeof setTimeout> | null = null;

/** Counts arrive batch by batch; listeners hear at most once per 16 ms, not once per batch. */
function notify() {
  version++;
  notifyTimer ??= setTimeout(() => {
    notifyTimer = null;
    for (const listener of listeners) listener();
  }, 16);
}

export function subscribeTokenCounts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever new exact counts arrive (for useSyncExternalStore). */
export function tokenCountsVersion(): number {
  return version;
}

export function ensureTokenizer(model: string): Promise<void> {
  const s = stateFor(encodingForModel(model));
  if (s.ready) return Promise.resolve();
  s.loading ??= withBackend((b) => b.load(encodingForModel(model))).then(
    () => {
      s.ready = true;
      notify();
    },
    (err: unknown) => {
      // A failed chunk load (offline, deploy in between) must not poison the tokenizer forever.
      s.loading = null;
      throw err;
    },
  );
  return s.loading;
}

export function isTokenizerReady(model: string): boolean {
  return stateFor(encodingForModel(model)).ready;
}

function store(s: EncodingState, text: string, kind: Kind, count: number) {
  if (kind === "role") s.roles.set(text, count);
  else if (kind === "history") s.history.set(text, count);
  else {
    s.drafts.set(text, count);
    s.lastDraft = { text, count };
  }
}

function estimate(s: EncodingState, text: string, kind: Kind): number {
  const last = s.lastDraft;
  if (kind === "draft" && last) {
    if (text.startsWith(last.text)) return last.count + roughTokenCount(text.slice(last.text.length));
    if (last.text.startsWith(text)) return Math.max(0, last.count - roughTokenCount(last.text.slice(text.length)));
  }
  if (kind !== "history") return roughTokenCount(text);
  let n = s.rough.get(text);
  if (n === undefined) s.rough.set(text, (n = roughTokenCount(text)));
  return n;
}

let settled: Promise<void> | null = null;

/**
 * Resolves once the page has had its first idle moment (at most a second after the first ask):
 * starting the worker and its 1-2 MB rank chunk while the page is still loading would compete
 * with showing the conversation, on a phone's few cores above all. Estimates stand until then.
 */
function pageSettled(): Promise<void> {
  settled ??=
    typeof requestIdleCallback === "function"
      ? new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 }))
      : Promise.resolve();
  return settled;
}

function enqueue(s: EncodingState, text: string, kind: Kind, role = "") {
  if (s.inFlight.has(text) || Date.now() - s.failedAt < RETRY_AFTER_MS) return;
  if (kind !== "draft") {
    s.queued.set(text, kind);
    return scheduleFlush();
  }
  const stale = s.queuedDraft.get(role);
  if (stale !== undefined && stale !== text && s.queued.get(stale) === "draft") s.queued.delete(stale);
  s.queuedDraft.set(role, text);
  s.queued.set(text, kind);
  if (draftTimer) clearTimeout(draftTimer);
  draftTimer = setTimeout(() => {
    draftTimer = null;
    scheduleFlush();
  }, DRAFT_SETTLE_MS);
}

let draftTimer: ReturnType<typeof setTimeout> | null = null;

function scheduleFlush() {
  if (flushScheduled) return;
  flushScheduled = true;
  // One batch per render pass: everything a render asked for goes out together, once its frame is
  // painted: a render that shows an answer done asks for its count, 80-100 ms of the worker for 50 kB,
  // which on two cores (a phone's, or this machine's) competed with painting that very frame.
  void pageSettled().then(afterPaint).then(flushQueues);
}

function flushQueues() {
  flushScheduled = false;
  for (const [encoding, s] of states) {
    if (s.queued.size === 0) continue;
    const urgent: Array<[string, Kind]> = [];
    const background: Array<[string, Kind]> = [];
    for (const entry of s.queued) (entry[1] === "history" ? background : urgent).push(entry);
    s.queued.clear();
    s.queuedDraft.clear();
    if (urgent.length) send(encoding, s, urgent, true);
    for (let i = 0; i < background.length; ) {
      let chars = 0;
      const start = i;
      while (i < background.length && (i === start || chars + background[i][0].length <= BATCH_CHARS)) chars += background[i++][0].length;
      send(encoding, s, background.slice(start, i), false);
    }
  }
}

function send(encoding: EncodingName, s: EncodingState, batch: Array<[string, Kind]>, urgent: boolean) {
  for (const [text] of batch) s.inFlight.add(text);
  withBackend((b) => b.count(encoding, batch.map(([text]) => text), urgent))
    .then((counts) => {
      batch.forEach(([text, kind], i) => store(s, text, kind, counts[i]));
      s.ready = true;
      notify();
    })
    .catch(() => {
      s.failedAt = Date.now();
    })
    .finally(() => {
      for (const [text] of batch) s.inFlight.delete(text);
    });
}

/**
 * A message's prompt tokens. With an `id` it is a history message (large cache, background
 * priority); without, the draft or system prompt (small cache, counted first).
 */
export function countMessage(model: string, m: ApiMessage & { id?: string }): { tokens: number; exact: boolean } {
  const s = stateFor(encodingForModel(model));
  const kind: Kind = m.id ? "history" : "draft";
  const role = s.roles.get(m.role);
  const content = m.content ? (kind === "history" ? s.history : s.drafts).get(m.content) : 0;
  if (role !== undefined && content !== undefined) return { tokens: TOKENS_PER_MESSAGE + role + content, exact: true };
  if (role === undefined) enqueue(s, m.role, "role");
  if (content === undefined) enqueue(s, m.content, kind, m.role);
  return { tokens: TOKENS_PER_MESSAGE + (role ?? 1) + (content ?? estimate(s, m.content, kind)), exact: false };
}

/** Makes the counts of these messages exact (urgently) before a send builds its context. */
export async function primeCounts(model: string, messages: Array<ApiMessage & { id?: string }>, waitMs = EXACT_COUNT_WAIT_MS): Promise<void> {
  const encoding = encodingForModel(model);
  const s = stateFor(encoding);
  const missing = new Map<string, Kind>();
  for (const m of messages) {
    if (!s.roles.has(m.role)) missing.set(m.role, "role");
    if (!m.content) continue;
    if (!m.id) {
      if (!s.drafts.has(m.content)) missing.set(m.content, "draft");
      continue;
    }
    // The question being sent was counted as the draft a moment ago: reuse that, no round trip.
    const asDraft = s.history.has(m.content) ? undefined : s.drafts.get(m.content);
    if (asDraft !== undefined) s.history.set(m.content, asDraft);
    else if (!s.history.has(m.content)) missing.set(m.content, "history");
  }
  if (missing.size === 0) return;
  const batch = [...missing];
  const work = withBackend((b) => b.count(encoding, batch.map(([text]) => text), true)).then(
    (counts) => {
      // Stored even when it comes after the wait: the next preview and send use it.
      batch.forEach(([text, kind], i) => store(s, text, kind, counts[i]));
      notify();
    },
    // Counting is unavailable: the send goes ahead on estimates, marked as such in the ledger.
    () => undefined,
  );
  await within(work, waitMs, undefined);
}

/** Exact count of one text (a finished answer without `usage`); an estimate if counting fails. */
export async function countTextExact(model: string, text: string, waitMs = EXACT_COUNT_WAIT_MS): Promise<{ tokens: number; exact: boolean }> {
  if (!text) return { tokens: 0, exact: true };
  const estimate = { tokens: roughTokenCount(text), exact: false };
  const work = withBackend((b) => b.count(encodingForModel(model), [text], true)).then(
    ([tokens]) => ({ tokens, exact: true }),
    () => estimate,
  );
  return within(work, waitMs, estimate);
}

/** Prompt tokens of a whole request, made exact first where counting works. */
export async function countPromptExact(model: string, messages: ApiMessage[]): Promise<number> {
  const framing = REPLY_PRIMING_TOKENS + TOKENS_PER_MESSAGE * messages.length;
  const estimate = messages.reduce((sum, m) => sum + 1 + roughTokenCount(m.content), framing);
  const texts = messages.flatMap((m) => [m.role, m.content]);
  const work = withBackend((b) => b.count(encodingForModel(model), texts, true)).then(
    (counts) => counts.reduce((sum, n) => sum + n, framing),
    () => estimate,
  );
  return within(work, EXACT_COUNT_WAIT_MS, estimate);
}

/** Tests only: a fresh tokenizer state over the given backend. */
export function resetTokenizerForTests(next: TokenizerBackend | null) {
  backend = next;
  workerFailed = false;
  states.clear();
  listeners.clear();
  version = 0;
  flushScheduled = false;
  settled = null;
  if (draftTimer) clearTimeout(draftTimer);
  draftTimer = null;
  if (notifyTimer) clearTimeout(notifyTimer);
  notifyTimer = null;
}
