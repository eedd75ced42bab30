/**
 * What the page shows while it starts. The chat shell (and its composer) does not wait for
 * IndexedDB or for the server config to be applied: once the page knows that no access code is
 * needed, the user can start typing, and a send waits until the start is complete (`canSendYet`).
 * With a code required, the page waits for the stored code's check before it shows the gate or the
 * chat, so a returning user never sees the gate flash.
 */
export type StartScreen = "error" | "wait" | "gate" | "chat";

export interface StartFacts {
  /** The server could not be reached and no config was stored. */
  failed: boolean;
  /** From the server's config (or the stored copy when offline); null until one is known. */
  codeRequired: boolean | null;
  /** The start finished: storage loaded, config applied, any stored code checked. */
  started: boolean;
  /** The access code was accepted (or none is needed). */
  verified: boolean;
  /** The UI dictionary of the language in effect is in memory. */
  dictionaryReady: boolean;
}

export function startScreen(f: StartFacts): StartScreen {
  if (f.failed) return "error";
  if (f.codeRequired === null || !f.dictionaryReady) return "wait";
  if (!f.codeRequired) return "chat";
  if (!f.started) return "wait";
  return f.verified ? "chat" : "gate";
}

/** Whether a message may go now; before that a send is held (with its text kept) until it may. */
export function canSendYet(f: Pick<StartFacts, "started" | "verified">): boolean {
  return f.started && f.verified;
}
