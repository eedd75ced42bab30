"use client";
import { Dialog } from "@/components/ui/dialog";
import { keyLabel, SHORTCUTS } from "@/lib/client/shortcuts";
import { useT } from "@/store/language";

/** The list of keyboard shortcuts, opened with `?`. */
export function ShortcutsHelp({ mac, onClose }: { mac: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog title={t("shortcuts.title")} testId="shortcuts-dialog" closeLabel={t("settings.close")} onClose={onClose}>
      <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-2 overflow-y-auto p-5 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.action} data-testid="shortcut" data-action={s.action} className="contents">
            <dt>{t(`shortcuts.${s.action}`)}</dt>
            <dd>
              <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800">{keyLabel(s.keys, mac)}</kbd>
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
