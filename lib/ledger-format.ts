/**
 * How one ledger line reads: its time and its durations, the same text in the table of a wide
 * screen and in the stacked rows of a phone, so the two never disagree.
 */

/** A duration in milliseconds, "—" when it was not measured (a call cut before its first token). */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  // Below a second the milliseconds say something; above, one decimal is as precise as a user reads.
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** When a call was made: day and time to the second, in the UI's language (no year: a ledger is recent). */
export function formatCallTime(at: number, lang: string): string {
  return new Date(at).toLocaleString(lang, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
