// The till keeps China Standard Time (UTC+8, no daylight saving) for days, receipts and trade
// numbers, whatever the machine's own zone is.
const OFFSET_MS = 8 * 3600_000;

function parts(ms: number): string[] {
  const d = new Date(ms + OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return [p(d.getUTCFullYear(), 4), p(d.getUTCMonth() + 1), p(d.getUTCDate()), p(d.getUTCHours()), p(d.getUTCMinutes()), p(d.getUTCSeconds())];
}

/** "2026-11-22" in Shanghai. */
export function shanghaiDay(ms: number): string {
  const [y, m, d] = parts(ms);
  return `${y}-${m}-${d}`;
}

/** "2026-11-22 08:15:03" in Shanghai. */
export function shanghaiDateTime(ms: number): string {
  const [y, mo, d, h, mi, s] = parts(ms);
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

/** "20261122081503" in Shanghai. */
export function shanghaiStamp(ms: number): string {
  return parts(ms).join('');
}

export function isDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && shanghaiDay(Date.parse(`${text}T00:00:00+08:00`)) === text;
}
