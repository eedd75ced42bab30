"use client";
import { useEffect, useRef } from "react";
import { createPortal } from "react-dom";
import type { ImageRef } from "@/lib/types";
import { formatBytes } from "@/lib/chat/request-bytes";
import { useLang, useT } from "@/store/language";
import { ChevronLeftIcon, ChevronRightIcon, XIcon } from "@/components/ui/icons";
import { useImageUrl } from "./use-image-url";

const navButton = "absolute top-1/2 -translate-y-1/2 rounded-full bg-black/50 p-2 text-white hover:bg-black/70 focus:outline-none focus-visible:ring-2 focus-visible:ring-white";

/**
 * A message's image, enlarged: a modal dialog over the page. Escape, the close button or a click
 * beside the image closes it; the arrow keys go through the message's images. Focus moves to the
 * close button and back to the thumbnail that opened it.
 */
export function ImageViewer({ images, index, onIndex, onClose }: { images: ImageRef[]; index: number; onIndex: (i: number) => void; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const close = useRef<HTMLButtonElement>(null);
  const ref = images[index];
  const { url, missing } = useImageUrl(ref.id);
  const label = t("images.viewer", { index: index + 1, count: images.length });

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
      else if (e.key === "ArrowLeft" && index > 0) onIndex(index - 1);
      else if (e.key === "ArrowRight" && index < images.length - 1) onIndex(index + 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, images.length, onClose, onIndex]);

  // In a portal: a message row is positioned with a transform (the list is virtualised), which
  // would make `fixed` relative to the row instead of the window.
  return createPortal(
    <div role="dialog" aria-modal="true" aria-label={label} data-testid="image-viewer" className="fixed inset-0 z-50 flex flex-col items-center justify-center bg-black/85 p-4" onClick={onClose}>
      <button ref={close} type="button" data-testid="image-viewer-close" aria-label={t("settings.close")} className="absolute right-3 top-3 rounded-full bg-black/50 p-2 text-white hover:bg-black/70 focus:outline-none focus-visible:ring-2 focus-visible:ring-white" onClick={onClose}>
        <XIcon className="h-5 w-5" />
      </button>
      {index > 0 && (
        <button type="button" aria-label={t("images.previous")} className={`${navButton} left-3`} onClick={(e) => {
            e.stopPropagation();
            onIndex(index - 1);
          }}>
          <ChevronLeftIcon className="h-6 w-6" />
        </button>
      )}
      {index < images.length - 1 && (
        <button type="button" aria-label={t("images.next")} className={`${navButton} right-3`} onClick={(e) => {
            e.stopPropagation();
            onIndex(index + 1);
          }}>
          <ChevronRightIcon className="h-6 w-6" />
        </button>
      )}
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of the user's own image
        <img src={url} alt={label} width={ref.width} height={ref.height} className="max-h-[85dvh] max-w-full rounded object-contain shadow-2xl" onClick={(e) => e.stopPropagation()} />
      ) : (
        <p className="text-sm text-zinc-300">{missing ? t("images.missing") : "…"}</p>
      )}
      <p className="mt-3 text-xs text-zinc-300">
        {label} · {t("images.details", { width: ref.width, height: ref.height, size: formatBytes(ref.bytes ?? 0, lang) })}
      </p>
    </div>,
    document.body,
  );
}
