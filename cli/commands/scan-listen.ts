// `pos scan-listen --source hid|serial [--path P]`: the set-up check for a new scanner. Prints each
// code as it arrives with its classification (which wallet, or why it would be refused), and the
// connection status (plugged in, unplugged, no permission) on stderr, until Ctrl-C.
import { parseArgs } from 'node:util';
import { classifyCode, mask } from '../../app/common/codes.ts';
import { PosError } from '../../app/common/errors.ts';
import type { Scan, ScanSource, ScanStatus } from '../../app/scanner/scan-source.ts';
import { ScanSourceConfigSchema, type ScanSourceConfig } from '../../app/scanner/source-config.ts';
import { createScanSource } from '../../native/scanner/create-scan-source.ts';
import type { CliIO } from '../io.ts';

export const USAGE = `usage: pos scan-listen --source hid|serial [--path P] [options]
  serial:  --path /dev/ttyACM0 (required)  [--baud 9600] [--suffix auto|cr|lf|crlf|tab|none]
  hid:     [--path /dev/hidraw3] [--vid 0x0c2e] [--pid 0x0b61] [--usage-page 0x8c] [--mode auto|pos|keyboard]
           with none of these, the first HID POS scanner (usage page 0x8C) is used
  --count N     stop after N scans        --for-ms N   stop after N ms
  --reveal      print codes whole (they are masked to the last 4 digits by default)
  --json        one JSON object per line
`;

class BadInput extends Error {}

function intOption(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  // USB ids are written in hex (0x0c2e) in every vendor manual and in lsusb.
  const n = /^0x[0-9a-f]+$/i.test(raw) ? Number.parseInt(raw.slice(2), 16) : /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new BadInput(`${flag} must be a whole number (decimal or 0x hex), got "${raw}"`);
  return n;
}

type Parsed = { config: ScanSourceConfig; count: number | undefined; forMs: number | undefined; reveal: boolean; json: boolean };

function parse(argv: string[]): Parsed | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      source: { type: 'string' }, path: { type: 'string' }, baud: { type: 'string' }, suffix: { type: 'string' },
      vid: { type: 'string' }, pid: { type: 'string' }, 'usage-page': { type: 'string' }, mode: { type: 'string' },
      count: { type: 'string' }, 'for-ms': { type: 'string' },
      reveal: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const source = values.source;
  if (source !== 'hid' && source !== 'serial') throw new BadInput(source === undefined ? '--source is required (hid or serial)' : `--source must be hid or serial, got "${source}"`);
  let raw: Record<string, unknown>;
  if (source === 'serial') {
    if (!values.path) throw new BadInput('--path is required with --source serial (e.g. /dev/ttyACM0, COM3)');
    for (const f of ['vid', 'pid', 'usage-page', 'mode'] as const) if (values[f] !== undefined) throw new BadInput(`--${f} applies to --source hid only`);
    raw = { kind: 'serial', path: values.path, baudRate: intOption(values.baud, '--baud'), suffix: values.suffix };
  } else {
    for (const f of ['baud', 'suffix'] as const) if (values[f] !== undefined) throw new BadInput(`--${f} applies to --source serial only`);
    raw = { kind: 'hid', path: values.path, vendorId: intOption(values.vid, '--vid'), productId: intOption(values.pid, '--pid'), usagePage: intOption(values['usage-page'], '--usage-page'), mode: values.mode };
  }
  const checked = ScanSourceConfigSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new BadInput(`${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}`);
  }
  const count = intOption(values.count, '--count');
  const forMs = intOption(values['for-ms'], '--for-ms');
  if (count !== undefined && count < 1) throw new BadInput('--count must be at least 1');
  return { config: checked.data, count, forMs, reveal: values.reveal === true, json: values.json === true };
}

export function describeScan(scan: Scan, reveal: boolean): { line: string; record: Record<string, unknown> } {
  const c = classifyCode(scan.code);
  const shown = reveal ? scan.code : mask(scan.code);
  const verdict = c.ok ? `${c.rule.label} ${c.rule.labelZh}` : `refused: ${c.reason}`;
  return {
    line: `${shown}  ${scan.code.length} chars  ${verdict}  (${scan.source})\n`,
    record: { code: shown, length: scan.code.length, ok: c.ok, provider: c.ok ? c.provider : null, ...(c.ok ? {} : { reason: c.reason }), source: scan.source, at: scan.at },
  };
}

function describeStatus(s: ScanStatus): string {
  return `[${s.state}]${s.message ? ` ${s.message}` : ''}\n`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed: Parsed;
  try {
    const p = parse(argv);
    if (p === 'help') {
      io.out(USAGE);
      return 0;
    }
    parsed = p;
  } catch (e) {
    io.err(`pos scan-listen: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }

  const source: ScanSource = await createScanSource(parsed.config);
  let seen = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let offStatus = (): void => {};
  const offScan = source.onScan((scan) => {
    const d = describeScan(scan, parsed.reveal);
    io.out(parsed.json ? `${JSON.stringify(d.record)}\n` : d.line);
    seen++;
    if (parsed.count !== undefined && seen >= parsed.count) finish();
  });
  const onSignal = (): void => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stopTimer = parsed.forMs !== undefined ? setTimeout(finish, parsed.forMs) : undefined;
  try {
    await source.start();
    // Subscribed after start: the first line is the state start left it in, not "not started".
    offStatus = source.onStatus((s) => io.err(describeStatus(s)));
    if (!parsed.json) io.err(`listening on ${parsed.config.kind}; scan a payment code (Ctrl-C to stop)\n`);
    await done;
    return 0;
  } catch (e) {
    const message = e instanceof PosError ? `${e.message}\n${e.toData().messageZh}` : (e as Error).message;
    io.err(`pos scan-listen: ${message}\n`);
    return 1;
  } finally {
    clearTimeout(stopTimer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    offScan();
    offStatus();
    await source.stop();
  }
}
