"use client";
import { lazy, Suspense, useMemo, useState } from "react";
import { totalUsage } from "@/lib/ledger";
import { useCostOf } from "@/store/cost";
import { useMoney } from "@/components/ledger/use-money";
import { conversationSelectors, useConversations } from "@/store/conversations";
import { conversationBusy, effectiveParams } from "@/store/chat-params";
import { useSettings } from "@/store/settings";
import { useAccess } from "@/store/access";
import { useT } from "@/store/language";
import { useConversationPreparing } from "@/store/preparing";
import { GearIcon, MenuIcon } from "@/components/ui/icons";
import { Notices } from "@/components/notices";
import type { SettingsSection } from "@/components/settings/settings-dialog";
import { SetupNotice } from "@/components/setup-notice";
import { ThreadView } from "./thread-view";
import { Composer } from "./composer";
import { AnswerAnnouncer } from "./answer-announcer";
import { DropZone } from "./drop-zone";

// The ledger loads on first open; it is not needed to start chatting.
const LedgerPanel = lazy(() => import("@/components/ledger/ledger-panel").then((m) => ({ default: m.LedgerPanel })));

/** Header, messages and composer of the open conversation. */
export function ChatView({ onOpenSidebar, onOpenSettings }: { onOpenSidebar: () => void; onOpenSettings: (section?: SettingsSection) => void }) {
  const t = useT();
  const conversation = useConversations(conversationSelectors.current);
  useSettings((s) => s.defaults); // re-render the header model when defaults change
  // Until storage is read and the server's defaults applied, the model would be the built-in one
  // (no name rather than a wrong one), and settings changed would be overwritten by the stored ones.
  const started = useAccess((s) => s.started);
  const params = effectiveParams(conversation);
  // The hook re-renders when a request starts being prepared, before any message streams.
  const preparing = useConversationPreparing(conversation);
  const busy = preparing || conversationBusy(conversation);
  const [ledgerOpen, setLedgerOpen] = useState(false);
  const costOf = useCostOf();
  const money = useMoney();
  const ledger = conversation?.ledger;
  const conversationCost = useMemo(() => (ledger ? totalUsage(ledger, (e) => costOf(e.model, e.usage)).cost : null), [ledger, costOf]);
  return (
    <DropZone className="flex min-w-0 flex-1 flex-col">
      <header className="flex items-center gap-2 border-b border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <button type="button" data-testid="sidebar-open" className="rounded p-2 md:hidden" aria-label={t("sidebar.open")} onClick={onOpenSidebar}>
          <MenuIcon />
        </button>
        <div className="min-w-0 flex-1">
          <h1 data-testid="chat-title" className="truncate text-sm font-medium">{conversation?.title || t("sidebar.untitled")}</h1>
          <p className="truncate text-xs text-zinc-500">{started ? params.model : "\u00a0"}</p>
        </div>
        <button type="button" data-testid="ledger-button" disabled={!started} className="rounded px-2 py-1 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800" title={t("ledger.title")} onClick={() => setLedgerOpen(true)}>
          {t("ledger.button")}
          {conversationCost !== null && <span className="ml-1 text-zinc-500">{money(conversationCost)}</span>}
        </button>
        <button type="button" data-testid="settings-button" disabled={!started} className="rounded p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label={t("settings.title")} title={t("settings.title")} onClick={() => onOpenSettings()}>
          <GearIcon className="h-5 w-5" />
        </button>
      </header>
      <SetupNotice onOpenSettings={() => onOpenSettings()} />
      <Notices onOpenSettings={onOpenSettings} />
      <ThreadView conversation={conversation} />
      <Composer conversation={conversation} busy={busy} />
      <AnswerAnnouncer conversation={conversation} />
      {ledgerOpen && (
        <Suspense fallback={null}>
          <LedgerPanel onClose={() => setLedgerOpen(false)} />
        </Suspense>
      )}
    </DropZone>
  );
}
