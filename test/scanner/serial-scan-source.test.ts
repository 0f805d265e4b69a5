// The serialport adapter beyond the shared contract, on real pseudo-terminals from socat: a
// scanner plugged in after the till started, framing without a suffix, byte-by-byte writes, and a
// port that vanishes mid-code.
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanStatus } from '../../app/scanner/scan-source.ts';
import { SerialScanSource, serialOpenStatus } from '../../native/scanner/serial-scan-source.ts';
import { PtyPair, waitUntil } from './helpers/socat.ts';

let pty: PtyPair;
let source: SerialScanSource | null = null;

beforeEach(() => {
  pty = new PtyPair();
});
afterEach(async () => {
  await source?.stop();
  source = null;
  await pty.dispose();
});

function listen(options: Partial<ConstructorParameters<typeof SerialScanSource>[0]> = {}) {
  const s = new SerialScanSource({ path: pty.tillPath, reconnectMs: 50, ...options });
  source = s;
  const codes: string[] = [];
  const statuses: ScanStatus[] = [];
  s.onScan((x) => codes.push(x.code));
  s.onStatus((x) => statuses.push(x));
  return { s, codes, statuses, state: () => statuses.at(-1)?.state };
}

describe('SerialScanSource on a socat pty pair', () => {
  it('waits for a port that is not there yet and reads from it once it appears', async () => {
    const { s, codes, statuses, state } = listen();
    await s.start();
    expect(statuses.at(-1)).toMatchObject({ state: 'disconnected', message: expect.stringMatching(/not present/) });
    await pty.plug();
    await waitUntil(() => state() === 'connected', 'connected');
    pty.write('287634438256643941\r\n');
    await waitUntil(() => codes.length === 1, 'a scan');
    expect(codes).toEqual(['287634438256643941']);
  });

  it('puts a code written one byte at a time back together, CRLF and all', async () => {
    await pty.plug();
    const { s, codes } = listen();
    await s.start();
    await pty.writeSplit([...'134567890123456789\r\n'], 1);
    pty.write('2576344382566439411\r\n');
    await waitUntil(() => codes.length === 2, 'two scans');
    expect(codes).toEqual(['134567890123456789', '2576344382566439411']);
  });

  it('ends codes from a scanner without a suffix on its silence', async () => {
    await pty.plug();
    const { s, codes } = listen({ suffix: 'none', idleMs: 40 });
    await s.start();
    await pty.writeSplit(['28763443', '8256643941'], 2);
    await waitUntil(() => codes.length === 1, 'a scan');
    expect(codes).toEqual(['287634438256643941']);
  });

  it('reads STX/ETX framed codes', async () => {
    await pty.plug();
    const { s, codes } = listen();
    await s.start();
    pty.write('\u0002287634438256643941\u0003\u0002134567890123456789\u0003');
    await waitUntil(() => codes.length === 2, 'two scans');
    expect(codes).toEqual(['287634438256643941', '134567890123456789']);
  });

  it('drops half a code cut off by an unplug instead of gluing it to the next one', async () => {
    await pty.plug();
    const { s, codes, state } = listen({ idleMs: 5000 });
    await s.start();
    await waitUntil(() => state() === 'connected', 'connected');
    pty.write('2876344');
    // Long enough for socat to pass the bytes on and the source to read them.
    await new Promise((r) => setTimeout(r, 50));
    await pty.unplug();
    await waitUntil(() => state() === 'disconnected', 'disconnected');
    await pty.plug();
    await waitUntil(() => state() === 'connected', 'connected again');
    pty.write('134567890123456789\r\n');
    await waitUntil(() => codes.length === 1, 'a scan');
    expect(codes).toEqual(['134567890123456789']);
  });

  it('ends up with one open port, connected, when stopped and restarted while still opening', async () => {
    await pty.plug();
    const { s, codes, state } = listen();
    const first = s.start();
    await s.stop();
    await s.start();
    await first;
    await waitUntil(() => state() === 'connected', 'connected');
    pty.write('287634438256643941\r\n');
    pty.write('134567890123456789\r\n');
    await waitUntil(() => codes.length >= 2, 'two scans');
    expect(codes).toEqual(['287634438256643941', '134567890123456789']);
    expect(state()).toBe('connected');
  });

  it('lets go of the port on stop, so another program can open it', async () => {
    await pty.plug();
    const { s } = listen();
    await s.start();
    await s.stop();
    const other = new SerialPort({ path: pty.tillPath, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => other.open((e) => (e ? reject(e) : resolve())));
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });
});

describe('serialOpenStatus', () => {
  it('tells a missing port, a permission problem and a port held elsewhere apart', () => {
    expect(serialOpenStatus('/dev/ttyACM0', new Error('Error: No such file or directory, cannot open /dev/ttyACM0'))).toMatchObject({ state: 'disconnected' });
    expect(serialOpenStatus('/dev/ttyACM0', new Error('Error: Permission denied, cannot open /dev/ttyACM0'))).toMatchObject({ state: 'error', code: 'SCANNER_PERMISSION_DENIED', message: expect.stringMatching(/dialout/) });
    expect(serialOpenStatus('/dev/ttyACM0', new Error('Error Resource temporarily unavailable Cannot lock port'))).toMatchObject({ state: 'error', code: 'SCANNER_DEVICE_BUSY' });
    expect(serialOpenStatus('COM3', new Error('Opening COM3: Unknown error code 31'))).toMatchObject({ state: 'error', code: 'SCANNER_UNAVAILABLE', message: expect.stringMatching(/COM3/) });
  });
});
