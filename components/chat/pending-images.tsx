"use client";
import { useAttachments } from "@/store/attachments";
import { useLang, useT } from "@/store/language";
import { formatBytes } from "@/lib/chat/request-bytes";
import { XIcon } from "@/components/ui/icons";

/** The images attached in the composer, not sent yet: thumbnails with a remove button, and why a file was refused. */
export function PendingImages() {
  const t = useT();
  const lang = useLang();
  const items = useAttachments((s) => s.items);
  const errors = useAttachments((s) => s.errors);
  if (items.length === 0 && errors.length === 0) return null;
  return (
    <div className="mx-auto mb-2 max-w-3xl">
      {items.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-live="polite">
          {items.map((item) => (
            <li
              key={item.id}
              data-testid="pending-image"
              data-status={item.working ? "working" : "ready"}
              data-fits={item.fits ? "true" : "false"}
              className={`relative h-16 w-16 overflow-hidden rounded-lg border bg-zinc-100 dark:bg-zinc-800 ${item.fits ? "border-zinc-300 dark:border-zinc-700" : "border-red-500"}`}
              title={item.ref ? `${item.name} · ${t("images.details", { width: item.ref.width, height: item.ref.height, size: formatBytes(item.ref.bytes ?? 0, lang) })}` : item.name}
            >
              {item.url ? (
                // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of the user's own image
                <img src={item.url} alt={item.name} className={`h-full w-full object-cover ${item.working ? "opacity-50" : ""}`} />
              ) : null}
              {item.working && (
                <span className="absolute inset-0 flex items-center justify-center">
                  <span className="h-5 w-5 animate-spin rounded-full border-2 border-emerald-600 border-t-transparent" aria-label={t("images.working")} role="status" />
                </span>
              )}
              <button
                type="button"
                data-testid="remove-pending-image"
                aria-label={t("images.remove", { name: item.name })}
                title={t("images.remove", { name: item.name })}
                className="absolute right-0.5 top-0.5 rounded-full bg-black/60 p-0.5 text-white hover:bg-black/80"
                onClick={() => useAttachments.getState().remove(item.id)}
              >
                <XIcon className="h-3 w-3" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div data-testid="attach-error" role="alert" className="mt-1 flex items-start gap-2 text-xs text-red-600 dark:text-red-400">
          <ul className="flex-1 space-y-0.5">
            {errors.map((e, i) => (
              <li key={i} data-reason={e.reason}>
                {t(`images.error.${e.reason}`, { name: e.name })}
              </li>
            ))}
          </ul>
          <button type="button" className="shrink-0 underline" onClick={() => useAttachments.getState().dismissErrors()}>
            {t("images.dismiss")}
          </button>
        </div>
      )}
    </div>
  );
}
