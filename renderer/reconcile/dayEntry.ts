// The 对账 day as the cashier types it (try.md item 12b): a plain field that takes 2026-12-02 or
// 20261202 — the browser's date input typed its parts in the locale's order and gave 2026-12-31.

/** YYYY-MM-DD for a real calendar day typed as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYYMMDD; else null. */
export function normalizeDay(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$/.exec(t);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day ? null : day;
}

/** The day `by` days after `day` (YYYY-MM-DD, calendar arithmetic, no time zone involved). */
export function shiftDay(day: string, by: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() + by * 86_400_000).toISOString().slice(0, 10);
}
