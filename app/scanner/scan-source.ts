// The ScanSource port (design.md "Ports"): one interface for every way a scanner reaches the till —
// keyboard wedge, HID (node-hid), serial (serialport) — and for the fake used in training and tests.
// Each implementation passes the shared contract suite in test/scanner/scan-source.contract.ts.
import type { ErrorCode } from '../common/errors.ts';

export type ScanSourceKind = 'wedge' | 'hid' | 'serial' | 'fake';

export type Scan = {
  /** The code exactly as the scanner read it, without its suffix. */
  code: string;
  /** Which device delivered it, e.g. `serial:/dev/ttyACM0`, `hid:0c2e:0b61`, `wedge`. */
  source: string;
  /** When the code was complete, ms on the source's clock (Date.now() unless one was injected). */
  at: number;
};

export type ScanStatus = {
  state: 'connected' | 'disconnected' | 'error';
  /** For the cashier or the installer: what is wrong and what to do. */
  message?: string;
  code?: ErrorCode;
};

export interface ScanSource {
  readonly kind: ScanSourceKind;
  /** Starts listening; resolves once the source is set up, even if the device is not there yet. */
  start(): Promise<void>;
  /** Stops listening and lets the device go; no scan is delivered after it resolves. */
  stop(): Promise<void>;
  /** Each complete code, once. Returns the unsubscribe function. */
  onScan(listener: (scan: Scan) => void): () => void;
  /** Connection changes; a new listener is told the current status at once. */
  onStatus(listener: (status: ScanStatus) => void): () => void;
}
