// `pos scan-replay` and `pos scan-listen` (issue 3, items 7 and 8).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mask } from '../../app/common/codes.ts';
import { replayTimeline } from '../../app/common/wedge/replay.ts';
import { run as scanListen } from '../../cli/commands/scan-listen.ts';
import { parseTimeline, run as scanReplay } from '../../cli/commands/scan-replay.ts';
import { PROFILES } from '../../bench/scanner/timelines.ts';
import { PtyPair, waitUntil } from './helpers/socat.ts';

const root = join(import.meta.dirname, '../..');
const SAMPLE = join(root, 'test/fixtures/scanner/sample-timeline.jsonl');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'till-scan-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const io = { out: '', err: '' };
  return { io, cli: { out: (s: string) => void (io.out += s), err: (s: string) => void (io.err += s) } };
}

const lines = (s: string): Record<string, unknown>[] => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('pos scan-replay', () => {
  it('prints one JSON line per scan of a recorded timeline, through the pos command', async () => {
    const { stdout } = await promisify(execFile)(join(root, 'node_modules/.bin/node'), [join(root, 'cli/pos.js'), 'scan-replay', SAMPLE]);
    const expected = replayTimeline(parseTimeline(readFileSync(SAMPLE, 'utf8'))).scans.map(({ code, start, end, emittedAt }) => ({ code, start, end, emittedAt }));
    expect(lines(stdout)).toEqual(expected);
    // The recording holds an amount typed by hand and two scans (IME active; Bluetooth with a stall).
    expect(expected.map((s) => s.code)).toEqual(['286912345678901234', '134567890123456789']);
    for (const line of stdout.trim().split('\n')) expect(Object.keys(JSON.parse(line))).toEqual(['code', 'start', 'end', 'emittedAt']);
  });

  it.each(PROFILES.map((p) => [p.name, p] as const))('finds the codes of a generated %s timeline, with their first key as start', async (_name, profile) => {
    const tl = profile.make(77);
    const file = join(dir, `${profile.name}.jsonl`);
    writeFileSync(file, tl.events.map(({ t, key, code }) => JSON.stringify({ t, key, code })).join('\n'));
    const { io, cli } = capture();
    expect(await scanReplay([file], cli)).toBe(0);
    const out = lines(io.out);
    expect(out.map((s) => s.code)).toEqual(tl.scans.map((s) => s.code));
    expect(out.map((s) => s.start)).toEqual(tl.scans.map((s) => s.start));
  });

  it('takes the detector tuning as options: --idle-ms sets when a scan without suffix ends', async () => {
    const tl = (PROFILES.find((p) => p.name === 'no-suffix') as (typeof PROFILES)[number]).make(5);
    const file = join(dir, 'tuning.jsonl');
    writeFileSync(file, tl.events.map(({ t, key, code }) => JSON.stringify({ t, key, code })).join('\n'));
    const { io, cli } = capture();
    expect(await scanReplay([file, '--idle-ms', '150'], cli)).toBe(0);
    const out = lines(io.out) as { end: number; emittedAt: number }[];
    expect(out.length).toBe(tl.scans.length);
    for (const s of out) expect(s.emittedAt - s.end).toBeGreaterThanOrEqual(150);
  });

  it('skips keyup events and blank lines, and explains each key on stderr when asked', async () => {
    const file = join(dir, 'mixed.jsonl');
    const events = [...'287634438256643941'].flatMap((ch, i) => [JSON.stringify({ t: i * 5, key: ch, code: `Digit${ch}` }), JSON.stringify({ type: 'keyup', t: i * 5 + 1, key: ch, code: `Digit${ch}` }), '']);
    writeFileSync(file, [...events, JSON.stringify({ t: 95, key: 'Enter', code: 'Enter' })].join('\n'));
    const { io, cli } = capture();
    expect(await scanReplay([file, '--explain'], cli)).toBe(0);
    expect(lines(io.out).map((s) => s.code)).toEqual(['287634438256643941']);
    expect(io.err).toMatch(/part of a scan/);
    expect(io.err).toMatch(/1 scan\(s\) in 19 key events/);
  });

  it.each([
    [[], /FILE is required/],
    [['a.jsonl', 'b.jsonl'], /one FILE only/],
    [['--idle-ms', 'soon', 'x.jsonl'], /--idle-ms must be a positive number/],
    [['--bogus', 'x.jsonl'], /Unknown option '--bogus'/],
    [['/nonexistent/recording.jsonl'], /cannot read .*ENOENT/],
  ])('exits 2 with a clear message for %j', async (args, why) => {
    const { io, cli } = capture();
    expect(await scanReplay(args, cli)).toBe(2);
    expect(io.err).toMatch(why);
    expect(io.out).toBe('');
  });

  it.each([
    ['{"t": 1, "key": "2", "code": "Digit2"}\n{"t": 2, "key": "3"\n', /line 2: not JSON/],
    ['{"t": "soon", "key": "2", "code": "Digit2"}\n', /line 1: "t" must be a number/],
    ['{"t": 1, "code": "Digit2"}\n', /line 1: "key" must be a string/],
    ['[1, 2]\n', /line 1: expected an object/],
    ['{"t": 10, "key": "2", "code": "Digit2"}\n{"t": 5, "key": "3", "code": "Digit3"}\n', /event 2: t = 5 comes before/],
  ])('exits 2 naming the line of a bad recording: %j', async (content, why) => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, content);
    const { io, cli } = capture();
    expect(await scanReplay([file], cli)).toBe(2);
    expect(io.err).toMatch(why);
  });
});

describe('pos scan-listen', () => {
  it.each([
    [[], /--source is required/],
    [['--source', 'usb'], /--source must be hid or serial/],
    [['--source', 'serial'], /--path is required with --source serial/],
    [['--source', 'serial', '--path', '/dev/ttyACM0', '--vid', '0x0c2e'], /--vid applies to --source hid only/],
    [['--source', 'hid', '--baud', '9600'], /--baud applies to --source serial only/],
    [['--source', 'hid', '--vid', 'zebra'], /--vid must be a whole number/],
    [['--source', 'serial', '--path', '/dev/ttyACM0', '--suffix', 'semicolon'], /suffix/],
    [['--source', 'serial', '--path', '/dev/ttyACM0', '--count', '0'], /--count must be at least 1/],
  ])('exits 2 with a clear message for %j', async (args, why) => {
    const { io, cli } = capture();
    expect(await scanListen(args, cli)).toBe(2);
    expect(io.err).toMatch(why);
  });

  it('prints each code from a serial scanner with its classification, masked unless revealed', async () => {
    const pty = new PtyPair();
    await pty.plug();
    try {
      const alipay = '287634438256643941';
      const unknown = '9900112233';
      const { io, cli } = capture();
      const listening = scanListen(['--source', 'serial', '--path', pty.tillPath, '--count', '2', '--json'], cli);
      await waitUntil(() => io.err.includes('[connected]'), 'the port to open');
      pty.write(`${alipay}\r\n`);
      await pty.writeSplit([unknown.slice(0, 4), `${unknown.slice(4)}\r\n`]);
      expect(await listening).toBe(0);
      const out = lines(io.out);
      expect(out).toMatchObject([
        { code: mask(alipay), length: 18, ok: true, provider: 'alipay', source: `serial:${pty.tillPath}` },
        { code: mask(unknown), length: 10, ok: false, provider: null, reason: expect.stringMatching(/no wallet issues codes starting with 99/) },
      ]);
      expect(io.out).not.toContain(alipay);

      const revealed = capture();
      const again = scanListen(['--source', 'serial', '--path', pty.tillPath, '--count', '1', '--reveal'], revealed.cli);
      await waitUntil(() => revealed.io.err.includes('[connected]'), 'the port to open again');
      pty.write(`${alipay}\r`);
      expect(await again).toBe(0);
      expect(revealed.io.out).toMatch(new RegExp(`^${alipay}  18 chars  Alipay 支付宝  \\(serial:`));
    } finally {
      await pty.dispose();
    }
  });

  it('with --source hid and no scanner attached, says what it is waiting for', async () => {
    const { io, cli } = capture();
    expect(await scanListen(['--source', 'hid', '--vid', '0x0c2e', '--pid', '0x0b61', '--for-ms', '200'], cli)).toBe(0);
    expect(io.err).toMatch(/\[disconnected\] waiting for vendor 0c2e, product 0b61/);
  });
});
