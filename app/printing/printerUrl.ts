// Printer addresses as the cashier's settings and `pos print-test --printer` write them:
//   tcp://HOST[:PORT]          raw TCP, port 9100 unless given
//   serial:PATH[?baud=N]       /dev/ttyUSB0, COM3; 9600 baud unless given
//   usb:PATH                   a USB printer device file: /dev/usb/lp0
//   os:NAME                    a printer the OS knows, through Electron's silent print
// Any raw address takes ?status=required|best-effort|off (see StatusCheck).
import { PosError } from '../common/errors.ts';
import type { StatusCheck } from './RawPrinterTransport.ts';

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number; statusCheck: StatusCheck }
  | { kind: 'serial'; path: string; baudRate: number; statusCheck: StatusCheck }
  | { kind: 'usb'; path: string; statusCheck: StatusCheck }
  | { kind: 'os'; deviceName: string };

export const DEFAULT_TCP_PORT = 9100;
export const DEFAULT_BAUD_RATE = 9600;
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400];

// USB printers often have no way back to the host through the driver; the others answer.
const DEFAULT_STATUS_CHECK: Record<'tcp' | 'serial' | 'usb', StatusCheck> = { tcp: 'required', serial: 'required', usb: 'best-effort' };

function bad(url: string, why: string): PosError {
  return new PosError('INVALID_ARGUMENT', `printer "${url}": ${why}; use tcp://HOST:9100, serial:/dev/ttyUSB0, usb:/dev/usb/lp0 or os:NAME`, { details: { printer: url } });
}

function statusCheckOf(url: string, params: URLSearchParams, kind: 'tcp' | 'serial' | 'usb'): StatusCheck {
  const s = params.get('status');
  if (s === null) return DEFAULT_STATUS_CHECK[kind];
  if (s === 'required' || s === 'best-effort' || s === 'off') return s;
  throw bad(url, `status must be required, best-effort or off, not "${s}"`);
}

function splitQuery(rest: string): [string, URLSearchParams] {
  const q = rest.indexOf('?');
  return q < 0 ? [rest, new URLSearchParams()] : [rest.slice(0, q), new URLSearchParams(rest.slice(q + 1))];
}

export function parsePrinterUrl(url: string): PrinterAddress {
  const text = url.trim();
  const scheme = /^([a-z]+):/i.exec(text)?.[1]?.toLowerCase();
  const rest = text.slice((scheme?.length ?? 0) + 1);
  if (scheme === 'tcp') {
    const [hostPort, params] = splitQuery(rest);
    const m = /^\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?\/?$/i.exec(hostPort);
    if (!m) throw bad(url, 'expected tcp://HOST or tcp://HOST:PORT');
    const port = m[2] === undefined ? DEFAULT_TCP_PORT : Number(m[2]);
    if (port < 1 || port > 65535) throw bad(url, `port ${port} is out of range`);
    return { kind: 'tcp', host: m[1]!.replace(/^\[|\]$/g, ''), port, statusCheck: statusCheckOf(url, params, 'tcp') };
  }
  if (scheme === 'serial' || scheme === 'usb') {
    const [path, params] = splitQuery(rest.replace(/^\/\/(?=\/)/, ''));
    if (path === '' || /\s/.test(path)) throw bad(url, 'expected a device path after the colon');
    const statusCheck = statusCheckOf(url, params, scheme);
    if (scheme === 'usb') return { kind: 'usb', path, statusCheck };
    const baud = params.get('baud');
    const baudRate = baud === null ? DEFAULT_BAUD_RATE : Number(baud);
    if (!BAUD_RATES.includes(baudRate)) throw bad(url, `baud must be one of ${BAUD_RATES.join(', ')}`);
    return { kind: 'serial', path, baudRate, statusCheck };
  }
  if (scheme === 'os') {
    let deviceName: string;
    try {
      deviceName = decodeURIComponent(rest).trim();
    } catch {
      throw bad(url, 'the printer name has a broken %-escape');
    }
    if (deviceName === '') throw bad(url, 'expected the printer name after os:');
    return { kind: 'os', deviceName };
  }
  throw bad(url, scheme ? `unknown kind "${scheme}:"` : 'no kind given');
}

/** The address as people read it in messages. */
export function formatPrinterAddress(a: PrinterAddress): string {
  switch (a.kind) {
    case 'tcp': return `tcp://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
    case 'serial': return `serial:${a.path}`;
    case 'usb': return `usb:${a.path}`;
    case 'os': return `os:${a.deviceName}`;
  }
}
