"use client";
import { lazy, Suspense, useState } from "react";
import type { ImageRef } from "@/lib/types";
import { useT } from "@/store/language";
import { ImageIcon } from "@/components/ui/icons";
import { useImageUrl } from "./use-image-url";

// Loaded on the first click: not needed to show a conversation.
const ImageViewer = lazy(() => import("./image-viewer").then((m) => ({ default: m.ImageViewer })));

const MAX_W = 192;
const MAX_H = 128;

/** The box a thumbnail takes, from the stored dimensions: the row's height is known before the pixels load. */
function box(ref: ImageRef): { width: number; height: number } {
  const scale = Math.min(1, MAX_W / Math.max(1, ref.width), MAX_H / Math.max(1, ref.height));
  return { width: Math.max(40, Math.round(ref.width * scale)), height: Math.max(40, Math.round(ref.height * scale)) };
}

function Thumbnail({ image, index, onOpen }: { image: ImageRef; index: number; onOpen: () => void }) {
  const t = useT();
  const { url, missing } = useImageUrl(image.id);
  const size = box(image);
  return (
    <button
      type="button"
      data-testid="message-image"
      data-image-id={image.id}
      data-state={url ? "shown" : missing ? "missing" : "loading"}
      aria-label={t("images.open", { index: index + 1, width: image.width, height: image.height })}
      title={missing ? t("images.missing") : undefined}
      className="overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-500 dark:border-zinc-700 dark:bg-zinc-700"
      style={size}
      onClick={onOpen}
    >
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of the user's own image
        <img src={url} alt="" width={size.width} height={size.height} className="h-full w-full object-cover" />
      ) : (
        <span className="flex h-full w-full items-center justify-center text-zinc-500">
          <ImageIcon className="h-5 w-5" />
        </span>
      )}
    </button>
  );
}

/** A message's images as thumbnails; a click enlarges one (image-viewer.tsx). */
export function MessageImages({ images }: { images: ImageRef[] }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="mb-1.5 flex flex-wrap justify-end gap-2">
      {images.map((image, i) => (
        <Thumbnail key={image.id} image={image} index={i} onOpen={() => setOpen(i)} />
      ))}
      {open !== null && open < images.length && (
        <Suspense fallback={null}>
          <ImageViewer images={images} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
        </Suspense>
      )}
    </div>
  );
}
