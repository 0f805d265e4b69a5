// React hook over the global scan listener: `useScanner(onScan)` in the sale screen delivers each
// detected code and keeps scans out of its amount field while the cashier's typing still works.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { WedgeScan } from '../../app/common/wedge/detector.ts';
import { attachScanListener, type ScanListenerOptions } from './scan-listener.ts';

export type UseScannerOptions = Omit<ScanListenerOptions, 'onScan'> & { enabled?: boolean };

export function useScanner(onScan: (scan: WedgeScan) => void, options: UseScannerOptions = {}): void {
  // The latest callback and options without re-attaching on every render: re-attaching would
  // give back keys held mid-burst and split a scan that is arriving.
  const latest = useRef({ onScan, options });
  useLayoutEffect(() => {
    latest.current = { onScan, options };
  });
  const enabled = options.enabled ?? true;
  const configKey = JSON.stringify(options.config ?? {});
  useEffect(() => {
    if (!enabled) return undefined;
    const { enabled: _enabled, ...listenerOptions } = latest.current.options;
    return attachScanListener({ ...listenerOptions, config: JSON.parse(configKey) as ScanListenerOptions['config'], onScan: (scan) => latest.current.onScan(scan) });
  }, [enabled, configKey]);
}
