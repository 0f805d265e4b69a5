// `pos scan-replay FILE`: runs the keyboard-wedge detector over a keystroke recording and prints one
// JSON line per detected scan. A shop with an odd scanner sends us such a recording; the tuning
// options take the detector's own config names, so a fix can be tried on it before it ships.
// Input: one JSON object per line, {"t": 12.5, "key": "2", "code": "Digit2"}, keydowns, t in ms.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { wedgeConfig, type WedgeConfig } from '../../app/common/wedge/config.ts';
import type { KeyInput } from '../../app/common/wedge/keys.ts';
import { replayTimeline } from '../../app/common/wedge/replay.ts';
import type { CliIO } from '../io.ts';

export const USAGE = `usage: pos scan-replay FILE [--idle-ms N] [--max-key-gap-ms N] [--max-pause-ms N] [--max-median-gap-ms N]
                       [--min-length N] [--max-length N] [--any-chars] [--no-tab-suffix] [--explain]
FILE: one JSON object per line: {"t": 12.5, "key": "2", "code": "Digit2"} (keydown events, t in ms)
prints one line per scan: {"code": "...", "start": t, "end": t, "emittedAt": t}
--explain also prints, on stderr, what became of every key (held, released as typing, scanned)
`;

const NUMERIC = {
  'idle-ms': 'idleMs',
  'max-key-gap-ms': 'maxKeyGapMs',
  'max-pause-ms': 'maxPauseMs',
  'max-median-gap-ms': 'maxMedianGapMs',
  'min-length': 'minLength',
  'max-length': 'maxLength',
} as const satisfies Record<string, keyof WedgeConfig>;

class BadInput extends Error {}

/** Parses a recording; `type` other than keydown (keyup, a recorder's notes) is skipped. */
export function parseTimeline(text: string): KeyInput[] {
  const events: KeyInput[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new BadInput(`line ${i + 1}: not JSON (${(e as Error).message})`);
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadInput(`line ${i + 1}: expected an object like {"t": 12.5, "key": "2", "code": "Digit2"}`);
    const o = v as Record<string, unknown>;
    if (o.type !== undefined && o.type !== 'keydown') return;
    if (typeof o.t !== 'number' || !Number.isFinite(o.t)) throw new BadInput(`line ${i + 1}: "t" must be a number of ms`);
    if (typeof o.key !== 'string') throw new BadInput(`line ${i + 1}: "key" must be a string (the KeyboardEvent.key)`);
    if (o.code !== undefined && typeof o.code !== 'string') throw new BadInput(`line ${i + 1}: "code" must be a string (the KeyboardEvent.code)`);
    events.push({ t: o.t, key: o.key, code: typeof o.code === 'string' ? o.code : '', ...(o.repeat === true ? { repeat: true } : {}) });
  });
  return events;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let file: string;
  let config: Partial<WedgeConfig>;
  let explain: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(NUMERIC).map((k) => [k, { type: 'string' as const }])),
        'any-chars': { type: 'boolean', default: false },
        'no-tab-suffix': { type: 'boolean', default: false },
        explain: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new BadInput(positionals.length === 0 ? 'FILE is required' : `one FILE only, got ${positionals.length}`);
    file = positionals[0] as string;
    const c: Partial<WedgeConfig> = {};
    for (const [flag, name] of Object.entries(NUMERIC)) {
      const raw = (values as Record<string, unknown>)[flag];
      if (raw === undefined) continue;
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) throw new BadInput(`--${flag} must be a positive number, got "${String(raw)}"`);
      c[name] = n;
    }
    if (values['any-chars']) c.digitsOnly = false;
    if (values['no-tab-suffix']) c.suffixKeys = ['Enter'];
    config = wedgeConfig(c);
    explain = values.explain === true;
  } catch (e) {
    io.err(`pos scan-replay: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }

  let events: KeyInput[];
  try {
    events = parseTimeline(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = e instanceof BadInput ? e.message : `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    io.err(`pos scan-replay: ${file}: ${why}\n`);
    return 2;
  }

  let result;
  try {
    result = replayTimeline(events, config);
  } catch (e) {
    io.err(`pos scan-replay: ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  for (const s of result.scans) io.out(`${JSON.stringify({ code: s.code, start: s.start, end: s.end, emittedAt: s.emittedAt })}\n`);
  if (explain) {
    for (const k of result.keys) {
      const what = k.fate === 'released' ? `typing, held until ${k.releasedAt}` : k.fate === 'scanned' ? 'part of a scan' : k.fate === 'passed' ? 'typing, passed at once' : 'modifier, passed';
      io.err(`${String(k.input.t).padStart(10)}  ${JSON.stringify(k.input.key).padEnd(14)} ${k.input.code.padEnd(14)} ${what}\n`);
    }
    io.err(`${result.scans.length} scan(s) in ${events.length} key events\n`);
  }
  return 0;
}
