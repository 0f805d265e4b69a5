// Display width by East Asian Width (field-notes.md item 12), and wrapping that never splits a
// character. The width table is checked against Unicode's own data as Perl ships it.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { center, padStart, toPrintable, wrap } from '../../app/common/receipt/text.ts';
import { charWidth, displayWidth, isZeroWidth } from '../../app/common/receipt/width.ts';

/** Inversion lists (Unicode::UCD::prop_invlist) of East_Asian_Width W, F, A and of the combining/format categories. */
function perlInvlists(): Record<string, number[]> {
  const script = 'use Unicode::UCD qw(prop_invlist); use JSON::PP; my %r; ' +
    'for my $v (qw(W F A)) { $r{$v} = [prop_invlist("East_Asian_Width=$v")]; } ' +
    'for my $v (qw(Mn Me Cf Cn)) { $r{$v} = [prop_invlist("General_Category=$v")]; } ' +
    'print encode_json(\\%r);';
  return JSON.parse(execFileSync('perl', ['-e', script], { encoding: 'utf8' })) as Record<string, number[]>;
}

function inInvlist(list: number[], cp: number): boolean {
  // An inversion list: starts of alternating in/out runs.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo % 2 === 1;
}

describe('charWidth', () => {
  it('matches Unicode East_Asian_Width (W, F and ambiguous A wide; the rest narrow) for every code point', () => {
    const lists = perlInvlists();
    const wrong: string[] = [];
    for (let cp = 0x20; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (isZeroWidth(cp)) continue;
      const wide = inInvlist(lists.W!, cp) || inInvlist(lists.F!, cp) || inInvlist(lists.A!, cp);
      if (charWidth(cp) !== (wide ? 2 : 1) && wrong.length < 10) wrong.push(`U+${cp.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('takes no column only for combining marks, format characters and controls', () => {
    const lists = perlInvlists();
    const wrong: string[] = [];
    for (let cp = 0xa0; cp <= 0x10ffff; cp++) {
      if (!isZeroWidth(cp)) continue;
      const ok = ['Mn', 'Me', 'Cf', 'Cn'].some((gc) => inInvlist(lists[gc]!, cp));
      if (!ok && wrong.length < 10) wrong.push(`U+${cp.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('counts a Chinese character, full-width punctuation and ￥ as two columns, ASCII and ¥ as one', () => {
    expect(displayWidth('中文ab')).toBe(6);
    expect(displayWidth('，。：（）')).toBe(10);
    expect(displayWidth('￥12.34')).toBe(7);
    expect(displayWidth('¥12.34')).toBe(6);
    expect(displayWidth('𠀀')).toBe(2); // outside the BMP: one code point, two UTF-16 units
    expect('𠀀'.length).toBe(2);
  });
});

describe('toPrintable', () => {
  it('turns narrow currency signs into their full-width GB forms and drops what takes no column', () => {
    expect(toPrintable('¥12.34 £1 ¢5')).toBe('￥12.34 ￡1 ￠5');
    expect(toPrintable('cafe\u0301')).toBe('café');
    expect(toPrintable('a\u200bb\u0007c')).toBe('abc');
    expect(toPrintable('ｱｲｳ')).toBe('アイウ');
  });

  it('leaves only ASCII and two-column characters, so display width is the printer column count', () => {
    const sample = '示例¥ｶﾀｶﾅ éß€\u0301\u200d😀𠀀ไทย\tend';
    for (const ch of toPrintable(sample)) {
      const cp = ch.codePointAt(0)!;
      expect(cp < 0x80 || charWidth(cp) === 2, `U+${cp.toString(16)}`).toBe(true);
    }
  });
});

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('wrap', () => {
  const pieces = ['中', '文', '便利店', 'Sample', ' ', 'Mart', '，', '￥', '12.34', '𠀀', '😀', 'a', '（', '）', '-'];

  it('never makes a line wider than asked, never loses or splits a character (2000 random names, widths 2–48)', () => {
    const rnd = prng(20261121);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + Math.floor(rnd() * 30) }, () => pieces[Math.floor(rnd() * pieces.length)]).join('');
      const width = 2 + Math.floor(rnd() * 47);
      const lines = wrap(text, width);
      for (const l of lines) {
        expect(displayWidth(l), `${JSON.stringify(text)} at ${width}`).toBeLessThanOrEqual(width);
        expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(l)).toBe(false);
      }
      // Only spaces at the breaks may go.
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }
  });

  it('moves a wide character that does not fit in the last column to the next line', () => {
    expect(wrap('abc中文', 4)).toEqual(['abc', '中文']);
  });

  it('breaks Latin words at spaces and Chinese anywhere', () => {
    expect(wrap('Sample Mart Nanjing', 12)).toEqual(['Sample Mart', 'Nanjing']);
    expect(wrap('示例便利店南京西路店', 8)).toEqual(['示例便利', '店南京西', '路店']);
  });

  it('pads and centres by display width', () => {
    expect(padStart('￥1.00', 10)).toBe('    ￥1.00');
    expect(center('支付凭证', 12)).toBe('  支付凭证');
  });
});
