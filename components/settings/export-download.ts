/**
 * Downloads every conversation as a relaychat export file. Shared by Settings → Data and the
 * storage-full notice (which loads it on click, keeping the exporter out of the first page load).
 */
import { exportData } from "@/lib/import/transfer";
import { useConversations } from "@/store/conversations";
import { settingsSnapshot } from "@/store/settings";

export function downloadExport() {
  const { conversations, order } = useConversations.getState();
  const list = order.map((id) => conversations[id]).filter(Boolean);
  // The own API key stays in this browser: it is left out of the export.
  const settings = { ...settingsSnapshot(), own: { ...settingsSnapshot().own, apiKey: "" } };
  const blob = new Blob([JSON.stringify(exportData(list, { settings }), null, 2)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = `relaychat-${new Date().toISOString().slice(0, 10)}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
