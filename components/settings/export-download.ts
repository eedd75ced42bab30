/**
 * Downloads every conversation as a relaychat export file. Shared by Settings → Data and the
 * storage-full notice (which loads it on click, keeping the exporter out of the first page load).
 */
import { exportData } from "@/lib/import/transfer";
import { exportImages } from "@/lib/client/image-transfer";
import { useConversations } from "@/store/conversations";
import { settingsSnapshot } from "@/store/settings";
import { usePrompts } from "@/store/prompts";
import { useLedger } from "@/store/ledger";

export async function downloadExport() {
  const { conversations, order } = useConversations.getState();
  const list = order.map((id) => conversations[id]).filter(Boolean);
  // The own API key stays in this browser: it is left out of the export.
  const settings = { ...settingsSnapshot(), own: { ...settingsSnapshot().own, apiKey: "" } };
  // Saved prompts, the ledger lines of no conversation (deleted chats, connection tests), and the
  // images the messages name (their bytes as base64; a blob that is gone is left out).
  const images = await exportImages(list).catch(() => []);
  const extras = { settings, prompts: usePrompts.getState().prompts, ledger: useLedger.getState().detached, images };
  const blob = new Blob([JSON.stringify(exportData(list, extras), null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `relaychat-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
