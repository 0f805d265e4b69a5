// The head-office sync in the header (issue 13): nothing for a single shop (state 'off'); else in
// sync, N events waiting, or unreachable since a time. Read every few seconds over the bridge —
// a small read model, not a push: nothing on the payment path waits for it.
import { useEffect, useState } from 'react';
import type { SyncStatusView } from '../../app/common/ipc/views.ts';
import { bridge } from '../bridge.ts';
import { clockTime } from '../format/display.ts';
import { useT } from '../i18n/useT.ts';

export const SYNC_READ_EVERY_MS = 5000;

export function SyncPill() {
  const t = useT();
  const [s, setS] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    let alive = true;
    const read = async () => {
      try {
        const r = await bridge().sync.status({});
        if (alive && r.ok) setS(r.data);
      } catch {
        // The connection pill already says when the till cannot be reached.
      }
    };
    void read();
    const id = setInterval(() => void read(), SYNC_READ_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, []);
  if (!s || s.state === 'off') return null;
  const text = s.state === 'in-sync' ? t('sync.inSync')
    : s.state === 'waiting' ? t('sync.waiting', { count: s.waiting })
    : s.state === 'unreachable' ? t('sync.unreachable', { since: clockTime(s.unreachableSince ?? Date.now()), count: s.waiting })
    : t('sync.refused');
  return (
    <span className={s.state === 'in-sync' ? 'pill' : 'pill pill--warn'} role="status" data-testid="sync-state" data-state={s.state} title={s.message ?? ''}>
      {text}
      {s.refusedRows > 0 && ` · ${t('sync.refusedRows', { count: s.refusedRows })}`}
    </span>
  );
}
