// The in-app syncer of a long-running till (Electron main, `pos serve`): started by openTill when
// the config has an `hq` section and the host asks for it; never on the payment path (HqSyncer).
// A training journal syncs under `<till.id>:training` (its own sequence, never mixed with takings).
import type { Clock } from '../Clock.ts';
import type { SyncStatusView } from '../common/ipc/views.ts';
import type { HqConfig } from './hqConfig.ts';
import { HqSyncer } from './HqSyncer.ts';

export const SYNC_OFF: SyncStatusView = { state: 'off', tillId: null, waiting: 0, refusedRows: 0, lastSyncedAt: null, unreachableSince: null };

export type TillSync = { status(): SyncStatusView; poke(): void; close(): Promise<void> };

export function syncTillId(hq: HqConfig, training: boolean): string {
  return training ? `${hq.tillId}:training` : hq.tillId;
}

export function startTillSync(o: { hq: HqConfig; journalPath: string; training: boolean; isBusy: () => boolean; clock?: Clock | undefined; onProblem?: (message: string) => void }): TillSync {
  let syncer: HqSyncer;
  try {
    syncer = new HqSyncer({
      hq: o.hq,
      journalPath: o.journalPath,
      tillId: syncTillId(o.hq, o.training),
      isBusy: o.isBusy,
      ...(o.clock ? { now: () => o.clock!.now() } : {}),
      onRefused: (rows) => o.onProblem?.(`head-office outbox: ${rows.length} journal row(s) refused as corrupted: ${rows.map((r) => `#${r.seq} ${r.reason}`).join('; ')}`),
    });
  } catch (e) {
    // Head office must never keep the till from taking payments: say so in the header instead.
    const message = (e as Error).message;
    o.onProblem?.(message);
    return { status: () => ({ ...SYNC_OFF, state: 'refused', tillId: syncTillId(o.hq, o.training), message }), poke: () => undefined, close: async () => undefined };
  }
  syncer.start();
  return { status: () => syncer.status(), poke: () => syncer.poke(), close: () => syncer.close() };
}
