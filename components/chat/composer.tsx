"use client";
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { stopConversation } from "@/store/run-control";
import { loadSendPath, sendPathNow, useSendPath } from "@/store/send-path";
import { useAttachments } from "@/store/attachments";
import { useSendPreview } from "@/store/send-preview";
import { useT } from "@/store/language";
import { useComposerFocus } from "@/store/composer-focus";
import { useAccess } from "@/store/access";
import { canSendYet } from "@/lib/client/start-screen";
import { ImageIcon, SendIcon, StopIcon } from "@/components/ui/icons";
import type { Conversation } from "@/lib/types";
import { EARLY_SEND_ATTR } from "@/lib/client/early-send";
import { readKeptDraft } from "@/lib/client/kept-draft";
import { SendPreviewBar } from "./send-preview";
import { useKeptDraft } from "./use-kept-draft";

// Shown once something is attached: not part of the first page load.
const PendingImages = lazy(() => import("./pending-images").then((m) => ({ default: m.PendingImages })));

/** What the file picker offers; anything else dropped or pasted is refused with a reason. */
const ACCEPT = "image/png,image/jpeg,image/webp,image/gif";

/**
 * Enter sends, Shift+Enter breaks the line, and Enter while an IME is composing (Chinese pinyin,
 * Japanese kana) only confirms the composition: it must never send half-typed text. Images come
 * from the attach button, a paste, or a drop onto the chat (components/chat/chat-view.tsx).
 */
export function Composer({ conversation, busy }: { conversation: Conversation | undefined; busy: boolean }) {
  const convId = conversation?.id ?? null;
  const t = useT();
  const [text, setText] = useState("");
  useKeptDraft(text);
  const area = useRef<HTMLTextAreaElement>(null);
  const focusRequests = useComposerFocus((s) => s.requests);
  useEffect(() => {
    if (focusRequests === 0) return;
    // After the frame: a dialog that just closed hands the focus back to its opener first.
    const frame = requestAnimationFrame(() => area.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [focusRequests]);
  const picker = useRef<HTMLInputElement>(null);
  const items = useAttachments((s) => s.items);
  const attachErrors = useAttachments((s) => s.errors.length);
  const working = items.some((i) => i.working);
  const overBudget = items.some((i) => !i.fits && !i.working);
  const ready = useMemo(() => items.flatMap((i) => (i.ref && !i.working ? [i.ref] : [])), [items]);
  const preview = useSendPreview(conversation, text, ready);
  const blocked = working || overBudget || preview.preview.tooLarge !== null;
  const canSend = !busy && !blocked && (text.trim() !== "" || ready.length > 0);
  // The composer shows while the page still starts (lib/client/start-screen.ts): a send asked for
  // before then is held, its text left in place, and goes once the start is complete and the send
  // path is loaded (store/send-path.ts).
  const mayGo = useAccess((s) => canSendYet(s));
  const pathLoaded = useSendPath((s) => s.loaded);
  const [held, setHeld] = useState(false);

  const send = () => {
    if (!canSend) return;
    const actions = sendPathNow();
    if (!canSendYet(useAccess.getState()) || !actions) {
      setHeld(true);
      // Not loadable (offline, never cached): the text stays, and the next send tries again.
      if (!actions) loadSendPath().catch(() => setHeld(false));
      return;
    }
    setHeld(false);
    const value = text;
    setText("");
    void actions.sendMessage(value, useAttachments.getState().take());
  };
  useEffect(() => {
    if (!held || !mayGo || !pathLoaded) return;
    // The start is complete. A message that cannot go now (its conversation still busy, or over a
    // limit) is not held any longer: its text stays in the box, and the composer says why.
    if (canSend) send();
    else setHeld(false);
    // send reads the latest text; only the moment the start completes matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [held, mayGo, pathLoaded]);

  // The composer may be server-rendered HTML (app/start/[lang]/page.tsx) that took text before the
  // scripts ran: that text is the composer's, and a send asked for then (Enter or the Send button,
  // held by lib/client/early-send.ts) goes now, or as soon as the start allows. A layout
  // effect, so the text is in before any render that follows hydration could clear the box. With
  // nothing typed, the box takes back what was kept from before (lib/client/kept-draft.ts).
  const [earlySend, setEarlySend] = useState(false);
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    const typed = el.value;
    const start = typed !== "" ? typed : readKeptDraft();
    if (start !== "") setText(start);
    if (el.hasAttribute(EARLY_SEND_ATTR)) {
      el.removeAttribute(EARLY_SEND_ATTR);
      if (typed.trim() !== "") setEarlySend(true);
    }
  }, []);
  useEffect(() => {
    if (!earlySend) return;
    setEarlySend(false);
    send();
    // send reads the adopted text; only the request matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [earlySend]);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== "Enter" || e.shiftKey) return;
    // keyCode 229 is what Safari and older Chrome report for keys that belong to an IME composition.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    area.current?.removeAttribute(EARLY_SEND_ATTR);
    send();
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(e.clipboardData.files);
    // Cells copied from a spreadsheet or text from a word processor come with a picture of
    // themselves as well: with text on the clipboard, the text is what was meant.
    if (files.length === 0 || e.clipboardData.getData("text/plain").trim() !== "") return;
    e.preventDefault();
    useAttachments.getState().add(files);
  };

  return (
    <div className="border-t border-zinc-200 bg-white px-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 dark:border-zinc-800 dark:bg-zinc-950">
      {(items.length > 0 || attachErrors > 0) && (
        <Suspense fallback={null}>
          <PendingImages />
        </Suspense>
      )}
      <div className="mx-auto flex max-w-3xl items-end gap-2">
        <button
          type="button"
          data-testid="attach-button"
          disabled={!mayGo}
          className="inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-xl border border-zinc-300 text-zinc-600 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
          aria-label={t("images.attach")}
          title={t("images.attach")}
          onClick={() => picker.current?.click()}
        >
          <ImageIcon className="h-5 w-5" />
        </button>
        <input
          ref={picker}
          data-testid="attach-image"
          type="file"
          accept={ACCEPT}
          multiple
          className="hidden"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = "";
            useAttachments.getState().add(files);
            area.current?.focus();
          }}
        />
        {/* The placeholder is short, so it fits one line on a phone (the box is one line high).
            A wide screen with a mouse shows the key hint over the empty box instead: CSS alone
            decides (the `desk` variant in app/globals.css), so the server-rendered first screen
            and hydration have the same markup whatever the screen. */}
        <div className="relative flex min-w-0 flex-1">
          <textarea
            ref={area}
            id="composer-input"
            aria-label={t("composer.placeholder")}
            data-testid="composer-input"
            className="peer max-h-60 min-h-[2.75rem] min-w-0 flex-1 resize-none rounded-xl border border-zinc-300 bg-white px-3 py-2.5 outline-none placeholder:text-zinc-500 focus:border-emerald-500 desk:placeholder:text-transparent dark:border-zinc-700 dark:bg-zinc-900 dark:placeholder:text-zinc-400"
            rows={Math.min(8, Math.max(1, text.split("\n").length))}
            placeholder={t("composer.placeholder")}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            autoFocus
          />
          {/* Where the placeholder's text sits: inside the 1 px border and the padding. */}
          <span
            aria-hidden
            data-testid="composer-keys-hint"
            className="pointer-events-none absolute inset-x-[13px] top-[11px] hidden truncate text-zinc-500 desk:peer-placeholder-shown:block dark:text-zinc-400"
          >
            {t("composer.placeholderKeys")}
          </span>
        </div>
        {busy ? (
          <button type="button" data-testid="stop-button" onClick={() => convId && stopConversation(convId)} className="inline-flex h-11 items-center gap-1 rounded-xl bg-zinc-800 px-4 text-white dark:bg-zinc-200 dark:text-zinc-900">
            <StopIcon /> {t("composer.stop")}
          </button>
        ) : (
          <button type="button" data-testid="send-button" onClick={send} disabled={!canSend || held} aria-busy={held} className="inline-flex h-11 items-center gap-1 rounded-xl bg-emerald-700 px-4 text-white disabled:opacity-40">
            <SendIcon /> {t("composer.send")}
          </button>
        )}
      </div>
      {mayGo ? (
        <SendPreviewBar conversation={conversation} state={preview} />
      ) : (
        // Before the start completes the model, its prices and the history are not known yet; the
        // line's height is kept so the composer does not move when it appears.
        <div aria-hidden className="mx-auto mt-1.5 h-4 max-w-3xl" />
      )}
    </div>
  );
}
