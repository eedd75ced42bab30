/**
 * Images attached in the composer and not sent yet. Each is decoded and re-encoded in the browser
 * (lib/client/image-encode.ts, loaded on first use), stored in IndexedDB at once (so it is stored
 * before any message names it), and shown as a thumbnail. The composer keeps the request's byte
 * budget: the images share what the limit leaves after the envelope, the system prompt and room
 * for the text, and one over its share is encoded again, smaller, from the original file.
 */
import { create } from "zustand";
import { newId } from "@/lib/id";
import { messagesByteBudget } from "@/lib/chat/chat-request";
import { dataUrlLength, messageBytes } from "@/lib/chat/request-bytes";
import { forgetImages, keepImage } from "@/lib/client/image-store";
import type { ImageProblem } from "@/lib/client/image-encode";
import type { ImageRef } from "@/lib/types";
import { useConversations } from "./conversations";
import { effectiveParams } from "./chat-params";
import { maxRequestBytes } from "./run-control";

export interface PendingImage {
  id: string;
  name: string;
  /** The file as attached: re-encoded from when the budget tightens. */
  file: Blob;
  ref?: ImageRef;
  /** Object URL of the encoded image, for the thumbnail. */
  url?: string;
  working: boolean;
  /** false: even at its smallest the image is over its share of the budget (the composer warns). */
  fits: boolean;
}

export interface AttachError {
  name: string;
  reason: ImageProblem | "storage";
}

interface AttachmentsState {
  items: PendingImage[];
  errors: AttachError[];
  add: (files: readonly File[]) => void;
  remove: (id: string) => void;
  dismissErrors: () => void;
  /** Hands the ready images to a message being sent; they stay stored, the composer lets go. */
  take: () => ImageRef[];
}

/** Kept free for the question's text when the images share the budget (the text is typed later). */
export const TEXT_ALLOWANCE_BYTES = 64 * 1024;

/** Bytes of data URL the pending images may take together, in the open conversation. */
function imageRoom(): number {
  const s = useConversations.getState();
  const params = effectiveParams(s.currentId ? s.conversations[s.currentId] : undefined);
  const system = params.historyCount >= 1 && params.systemPrompt.trim() ? messageBytes({ role: "system", content: params.systemPrompt }) : 0;
  return messagesByteBudget(params, maxRequestBytes()) - system - TEXT_ALLOWANCE_BYTES;
}

type Setter = (fn: (s: AttachmentsState) => Partial<AttachmentsState>) => void;
let queue: Promise<void> = Promise.resolve();

export const useAttachments = create<AttachmentsState>((set, get) => ({
  items: [],
  errors: [],
  add: (files) => {
    if (files.length === 0) return;
    const added: PendingImage[] = files.map((file) => ({ id: newId(), name: file.name || "image", file, working: true, fits: true }));
    set((s) => ({ items: [...s.items, ...added], errors: [] }));
    // One fitting at a time: each sees the images the one before it settled. If the encoder
    // cannot even load (the app was updated and its chunk is gone), the files are refused, not stuck.
    queue = queue
      .then(() => fit(set, get))
      .catch(() => set((s) => ({ items: s.items.filter((i) => i.ref), errors: [...s.errors, ...s.items.filter((i) => !i.ref).map((i) => ({ name: i.name, reason: "undecodable" as const }))] })));
  },
  remove: (id) => {
    const item = get().items.find((i) => i.id === id);
    if (!item) return;
    if (item.url) URL.revokeObjectURL(item.url);
    set((s) => ({ items: s.items.filter((i) => i.id !== id) }));
    void forgetImages([id]);
    // Room freed: images shrunk for lack of it could be larger again, but one that was already
    // encoded stays as it is (re-encoding on every removal would only cost time).
  },
  dismissErrors: () => set({ errors: [] }),
  take: () => {
    const ready = get().items.filter((i) => i.ref && !i.working);
    for (const i of ready) if (i.url) URL.revokeObjectURL(i.url);
    const taken = new Set(ready.map((i) => i.id));
    set((s) => ({ items: s.items.filter((i) => !taken.has(i.id)) }));
    return ready.map((i) => i.ref!);
  },
}));

/** Encodes the images not encoded yet, then shrinks any over its share of the budget (lib/client/image-fit.ts). */
async function fit(set: Setter, get: () => AttachmentsState): Promise<void> {
  // The encoder and the fitting are loaded with the first attachment, not with the page.
  const [{ fitImages }, { prepareImage, ImageInputError }] = await Promise.all([import("@/lib/client/image-fit"), import("@/lib/client/image-encode")]);
  const state = () => get().items.map((i) => ({ id: i.id, urlBytes: i.ref ? dataUrlLength(i.ref) : null }));
  await fitImages(imageRoom(), state, async (id, maxRawBytes) => {
    const item = get().items.find((i) => i.id === id);
    if (!item) return;
    set((s) => ({ items: s.items.map((i) => (i.id === id ? { ...i, working: true } : i)) }));
    try {
      const out = await prepareImage(item.file, item.name, id, maxRawBytes);
      if (!get().items.some((i) => i.id === id)) return; // removed meanwhile
      keepImage(out.ref, out.blob).catch(() => set((s) => ({ errors: [...s.errors, { name: item.name, reason: "storage" }] })));
      const url = URL.createObjectURL(out.blob);
      set((s) => ({
        items: s.items.map((i) => {
          if (i.id !== id) return i;
          if (i.url) URL.revokeObjectURL(i.url);
          return { ...i, ref: out.ref, url, working: false, fits: out.fits };
        }),
      }));
    } catch (err) {
      const reason: ImageProblem = err instanceof ImageInputError ? err.reason : "undecodable";
      set((s) => ({ items: s.items.filter((i) => i.id !== id), errors: [...s.errors, { name: item.name, reason }] }));
    }
  });
}
