/**
 * Images attached in the composer and not sent yet. Each is decoded and re-encoded in the browser
 * (lib/client/image-encode.ts, loaded on first use), stored in IndexedDB at once (so it is stored
 * before any message names it), and shown as a thumbnail. The composer keeps the request's byte
 * budget: the images share what the limit leaves after the envelope, the system prompt and room
 * for the text, and one over its share is encoded again, smaller, from the original file.
 */
import { create } from "zustand";
import { newId } from "@/lib/id";
import { MAX_IMAGE_BYTES, shareBudget } from "@/lib/client/image-plan";
import { messagesByteBudget } from "@/lib/chat/chat-request";
import { dataUrlLength, messageBytes, rawBytesWithin } from "@/lib/chat/request-bytes";
import { forgetImages, keepImage } from "@/lib/client/image-store";
import type { ImageProblem } from "@/lib/client/image-encode";
import type { ImageRef } from "@/lib/types";
import { useConversations } from "./conversations";
import { effectiveParams } from "./chat-actions";
import { maxRequestBytes } from "./run-completion";

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
    // One fitting at a time: each sees the images the one before it settled.
    queue = queue.then(() => fit(set, get)).catch(() => undefined);
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

/** Encodes the images not encoded yet, then shrinks any over its share of the budget. */
async function fit(set: Setter, get: () => AttachmentsState): Promise<void> {
  const { prepareImage, ImageInputError } = await import("@/lib/client/image-encode");
  const room = imageRoom();
  const encode = async (item: PendingImage, capUrlBytes: number) => {
    const cap = Math.min(MAX_IMAGE_BYTES, rawBytesWithin(capUrlBytes, "image/jpeg"));
    try {
      const out = await prepareImage(item.file, item.name, item.id, cap);
      if (!get().items.some((i) => i.id === item.id)) return; // removed meanwhile
      keepImage(out.ref, out.blob).catch(() => set((s) => ({ errors: [...s.errors, { name: item.name, reason: "storage" }] })));
      const url = URL.createObjectURL(out.blob);
      set((s) => ({
        items: s.items.map((i) => {
          if (i.id !== item.id) return i;
          if (i.url) URL.revokeObjectURL(i.url);
          return { ...i, ref: out.ref, url, working: false, fits: out.fits };
        }),
      }));
    } catch (err) {
      const reason: ImageProblem = err instanceof ImageInputError ? err.reason : "undecodable";
      set((s) => ({ items: s.items.filter((i) => i.id !== item.id), errors: [...s.errors, { name: item.name, reason }] }));
    }
  };

  const fresh = get().items.filter((i) => !i.ref);
  const share = Math.floor(room / Math.max(1, get().items.length));
  for (const item of fresh) await encode(item, share);

  // The new ones may have squeezed the older ones: every image gets its share of the room.
  const items = get().items.filter((i) => i.ref);
  const caps = shareBudget(items.map((i) => dataUrlLength(i.ref!)), room);
  for (let k = 0; k < items.length; k++) {
    if (dataUrlLength(items[k].ref!) <= caps[k]) continue;
    set((s) => ({ items: s.items.map((i) => (i.id === items[k].id ? { ...i, working: true } : i)) }));
    await encode(items[k], caps[k]);
  }
}
