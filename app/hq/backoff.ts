// How long the syncer waits after the n-th failure in a row: doubling from `initialMs` up to
// `maxMs`, with "equal jitter" (half fixed, half random) so 200 tills that lost head office at
// the same moment do not all come back at the same moment.
export function backoffMs(failures: number, o: { initialMs?: number; maxMs: number }, random: () => number = Math.random): number {
  const initial = o.initialMs ?? 1000;
  const ceiling = Math.min(o.maxMs, initial * 2 ** Math.max(0, Math.min(30, failures - 1)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
