"use client";
import { formatBytes } from "@/lib/chat/request-bytes";
import type { PreviewState } from "@/store/send-preview";
import { useAttachments } from "@/store/attachments";
import { useLang, useT } from "@/store/language";

/**
 * What the composer says about the images of the next request: a model not flagged for vision (a
 * warning, not a block), images that cannot fit the request at all (sending is blocked), and
 * earlier messages left out to keep the request within its byte limit.
 */
export function ImageNotes({ state }: { state: PreviewState }) {
  const t = useT();
  const lang = useLang();
  const overBudget = useAttachments((s) => s.items.some((i) => !i.fits && !i.working));
  const { preview, params, vision, maxRequestBytes } = state;
  const limit = formatBytes(maxRequestBytes, lang);
  const withImages = preview.images.question + preview.images.history > 0;
  const droppedByBytes = preview.context?.droppedByBytes.length ?? 0;
  return (
    <>
      {withImages && !vision && (
        <p data-testid="vision-warning" role="status" className="mt-1 text-amber-600 dark:text-amber-400">
          {t("images.vision", { model: params.model })}
        </p>
      )}
      {overBudget && (
        <p data-testid="image-budget" data-state="over" role="alert" className="mt-1 text-red-600 dark:text-red-400">
          {t("images.overBudget", { limit })}
        </p>
      )}
      {preview.tooLarge && !overBudget && (
        <p data-testid="image-budget" data-state="too-large" role="alert" className="mt-1 text-red-600 dark:text-red-400">
          {t("images.tooLarge", { size: formatBytes(preview.tooLarge.bytes, lang), limit })}
        </p>
      )}
      {droppedByBytes > 0 && (
        <p data-testid="image-budget" data-state="trimmed" className="mt-1 text-amber-600 dark:text-amber-400">
          {t("images.droppedByBytes", { count: droppedByBytes, limit })}
        </p>
      )}
    </>
  );
}
