/**
 * The send path (store/chat-actions.ts with run-completion, the stream client and the title call)
 * is not part of the first page load: it loads once the page is idle after its first screen
 * (components/chat-app.tsx), or at the first send, which is held until it is in (the composer
 * keeps the text). A failed load (offline, chunk not cached) may be tried again.
 */
import { create } from "zustand";

type ChatActions = typeof import("./chat-actions");

let module: ChatActions | null = null;
let pending: Promise<ChatActions> | null = null;

/** `loaded` turns true once the send path is in memory: a held send may then go. */
export const useSendPath = create<{ loaded: boolean }>(() => ({ loaded: false }));

export function loadSendPath(): Promise<ChatActions> {
  if (module) return Promise.resolve(module);
  pending ??= import("./chat-actions").then(
    (m) => {
      module = m;
      useSendPath.setState({ loaded: true });
      return m;
    },
    (err: unknown) => {
      pending = null;
      throw err;
    },
  );
  return pending;
}

/** The send path if it is in memory already. */
export function sendPathNow(): ChatActions | null {
  return module;
}
