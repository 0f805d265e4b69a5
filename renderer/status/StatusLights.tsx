// The header's printer and gateway lights (issue 9 item 14): the cashier sees a dead printer or
// an unreachable gateway before the customer is at the counter, not after the scan. Asked every
// STATUS_EVERY_MS and after every print the screen asks for.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { TillStatusView } from '../../app/common/ipc/counterViews.ts';
import { bridge } from '../bridge.ts';
import { useT } from '../i18n/useT.ts';

const STATUS_EVERY_MS = 15_000;

export const statusStore = createStore<{ status: TillStatusView | null }>()(() => ({ status: null }));

export async function refreshStatus(): Promise<void> {
  const r = await bridge().till.status({});
  if (r.ok) statusStore.setState({ status: r.data });
}

export function StatusLights() {
  const t = useT();
  const status = useStore(statusStore, (s) => s.status);
  useEffect(() => {
    void refreshStatus();
    const timer = setInterval(() => void refreshStatus(), STATUS_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  if (!status) return null;
  const printerTone = status.printer.state === 'ready' ? 'ok' : status.printer.state === 'error' ? 'bad' : 'off';
  const gatewayTone = status.gateway.state === 'unreachable' ? 'bad' : 'ok';
  return (
    <span className="lights" data-testid="lights">
      <span className={`light light--${printerTone}`} data-testid="light-printer" data-state={status.printer.state} title={status.printer.error ? t.error(status.printer.error) : (status.printer.target ?? '')}>
        {t(`lights.printer.${status.printer.state}`)}
      </span>
      <span className={`light light--${gatewayTone}`} data-testid="light-gateway" data-state={status.gateway.state} title={status.gateway.error ? t.error(status.gateway.error) : (status.gateway.target ?? '')}>
        {t(`lights.gateway.${status.gateway.state}`)}
      </span>
    </span>
  );
}
