// HID report decoding on byte vectors (test/fixtures/scanner/*.hex): HID POS scanned-data reports
// and boot keyboard reports, the two ways a scanner reaches node-hid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BootKeyboardDecoder } from '../../app/scanner/boot-keyboard-report.ts';
import { HidPosDecoder, type HidPosLayoutName } from '../../app/scanner/hid-pos-report.ts';

type Group = { expect: string | null; reports: Buffer[]; layout: string | null; reportId: number | null; line: number };

/** Reads a vector file: `> EXPECTED` opens a group, hex lines are its reports, `@key value` sets context. */
function vectors(file: string, parseExpected: (s: string) => string | null): Group[] {
  const groups: Group[] = [];
  let layout: string | null = null;
  let reportId: number | null = null;
  readFileSync(join(import.meta.dirname, '../fixtures/scanner', file), 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('@layout ')) layout = line.slice(8).trim();
    else if (line.startsWith('@id ')) reportId = line.slice(4).trim() === 'none' ? null : Number(line.slice(4));
    else if (line.startsWith('> ')) groups.push({ expect: parseExpected(line.slice(2)), reports: [], layout, reportId, line: i + 1 });
    else {
      if (!/^([0-9a-f]{2})+$/i.test(line)) throw new Error(`${file}:${i + 1}: not hex`);
      const g = groups.at(-1);
      if (!g) throw new Error(`${file}:${i + 1}: report before any "> " group`);
      g.reports.push(Buffer.from(line, 'hex'));
    }
  });
  return groups;
}

describe('HID POS reports (usage page 0x8C)', () => {
  const groups = vectors('hid-pos-reports.hex', (s) => (s === '-' ? null : s));

  it.each(groups.map((g) => [g.line, g] as const))('vector at line %i decodes with its layout named and with auto-detection', (_line, g) => {
    for (const layout of [g.layout as HidPosLayoutName, 'auto' as const]) {
      const d = new HidPosDecoder(layout);
      const out = g.reports.map((r) => d.push(r)).filter((c) => c !== null);
      expect(out, `layout ${layout}`).toEqual(g.expect === null ? [] : [g.expect]);
    }
  });

  it('returns nothing until the last report of a multi-report code, then the whole code once', () => {
    const g = groups.find((x) => x.reports.length > 1) as Group;
    const d = new HidPosDecoder('access-is');
    const outs = g.reports.map((r) => d.push(r));
    expect(outs.slice(0, -1)).toEqual(Array(g.reports.length - 1).fill(null));
    expect(outs.at(-1)).toBe(g.expect);
  });

  it('decodes every vector of the file as one continuous stream, codes in order', () => {
    const d = new HidPosDecoder('auto');
    const out = groups.flatMap((g) => g.reports).map((r) => d.push(r)).filter((c) => c !== null);
    expect(out).toEqual(groups.map((g) => g.expect).filter((c) => c !== null));
  });

  it('drops a half-received code on reset (the device went away mid-code)', () => {
    const g = groups.find((x) => x.reports.length > 1) as Group;
    const d = new HidPosDecoder('access-is');
    d.push(g.reports[0] as Buffer);
    d.reset();
    const single = groups[0] as Group;
    expect(d.push(single.reports[0] as Buffer)).toBe(single.expect);
  });
});

describe('boot keyboard reports (keyboard-mode scanner)', () => {
  const groups = vectors('boot-keyboard-reports.hex', (s) => JSON.parse(s) as string);

  it.each(groups.map((g) => [g.line, g] as const))('vector at line %i decodes to its text', (_line, g) => {
    const d = new BootKeyboardDecoder({ reportId: g.reportId });
    expect(g.reports.map((r) => d.push(r)).join('')).toBe(g.expect);
  });

  it('counts a key once while it stays down, and again after a release', () => {
    const d = new BootKeyboardDecoder();
    const press4 = Buffer.from('0000210000000000', 'hex');
    const release = Buffer.alloc(8);
    expect([press4, press4, press4].map((r) => d.push(r)).join('')).toBe('4');
    expect([release, press4].map((r) => d.push(r)).join('')).toBe('4');
  });

  it('skips reports of another report ID on a numbered device', () => {
    const d = new BootKeyboardDecoder({ reportId: 1 });
    expect(d.push(Buffer.from('02000021000000000000', 'hex'))).toBe('');
    expect(d.push(Buffer.from('010000210000000000', 'hex'))).toBe('4');
  });
});
