/**
 * Coordination between tabs of the app in one browser profile:
 * - each tab holds a Web Lock named after it for its lifetime, and each running stream one named
 *   after its message, so a starting tab can tell a journal or a "streaming" message that belongs
 *   to a live tab (leave it) from one whose tab is gone (replay it, close it);
 * - after each committed save a tab says on a BroadcastChannel which conversations it wrote, and
 *   the others re-read them, so two tabs on one conversation see each other's messages.
 * Both APIs need a secure context; without them each tab works alone, as before.
 */
import { newId } from "@/lib/id";

const TAB_LOCK = "relaychat-tab:";
const RUN_LOCK = "relaychat-run:";
const CHANNEL = "relaychat-sync";

export const tabId = newId();

interface LockManagerLike {
  request(name: string, callback: () => Promise<unknown> | unknown): Promise<unknown>;
  query(): Promise<{ held?: Array<{ name?: string }> }>;
}

function locks(): LockManagerLike | null {
  const nav = typeof navigator === "undefined" ? undefined : (navigator as Navigator & { locks?: LockManagerLike });
  return nav?.locks ?? null;
}

/** Holds this tab's lock until the page goes away. */
export function holdTabLock(): void {
  void locks()?.request(TAB_LOCK + tabId, () => new Promise(() => {}));
}

/** Holds the lock of one running stream until `done` settles. */
export function holdRunLock(messageId: string, done: Promise<unknown>): void {
  void locks()?.request(RUN_LOCK + messageId, () => done.catch(() => undefined));
}

/** Resolves once no tab holds the lock of this stream any more (at once without Web Locks). */
export async function whenRunEnds(messageId: string): Promise<void> {
  await locks()?.request(RUN_LOCK + messageId, () => undefined);
}

/** The tabs and streams alive right now (empty without Web Locks). */
export async function liveLocks(): Promise<{ tabs: Set<string>; runs: Set<string> }> {
  const tabs = new Set<string>();
  const runs = new Set<string>();
  try {
    const state = await locks()?.query();
    for (const lock of state?.held ?? []) {
      if (lock.name?.startsWith(TAB_LOCK)) tabs.add(lock.name.slice(TAB_LOCK.length));
      if (lock.name?.startsWith(RUN_LOCK)) runs.add(lock.name.slice(RUN_LOCK.length));
    }
  } catch {
    /* no lock manager: nothing is known to be alive */
  }
  return { tabs, runs };
}

export interface SavedMessage {
  tab: string;
  ids: string[];
}

let channel: BroadcastChannel | null = null;

function open(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === "undefined") return channel;
  channel = new BroadcastChannel(CHANNEL);
  return channel;
}

/** Tells the other tabs which conversations this tab just committed. */
export function announceSaved(ids: string[]): void {
  if (ids.length) open()?.postMessage({ tab: tabId, ids } satisfies SavedMessage);
}

/** Calls `onSaved` with the conversation ids another tab committed. */
export function onOtherTabSaved(onSaved: (ids: string[]) => void): void {
  open()?.addEventListener("message", (e: MessageEvent<SavedMessage>) => {
    if (e.data && e.data.tab !== tabId && Array.isArray(e.data.ids)) onSaved(e.data.ids);
  });
}
