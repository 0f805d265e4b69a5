// Framing a scanner's character stream into codes: split writes, CR/LF/CRLF, STX/ETX, no suffix.
import { describe, expect, it } from 'vitest';
import { LineAssembler } from '../../app/scanner/line-assembler.ts';

describe('LineAssembler', () => {
  it('yields one code for a CRLF-terminated code split anywhere, and no empty code for the LF', () => {
    const a = new LineAssembler('auto');
    const frame = '287634438256643941\r\n';
    for (let cut = 1; cut < frame.length; cut++) {
      expect([...a.push(frame.slice(0, cut)), ...a.push(frame.slice(cut))], `cut at ${cut}`).toEqual(['287634438256643941']);
    }
  });

  it('ends codes on CR, LF, Tab or ETX, and drops STX framing', () => {
    const a = new LineAssembler('auto');
    expect(a.push('111111111\r222222222\n333333333\t\u0002444444444\u0003')).toEqual(['111111111', '222222222', '333333333', '444444444']);
  });

  it('ends codes only on the configured suffix', () => {
    const a = new LineAssembler('tab');
    expect(a.push('1234\r5678\t')).toEqual(['12345678']);
  });

  it('holds a code without a suffix until flushed after the idle gap', () => {
    const a = new LineAssembler('none');
    expect(a.push('28763443')).toEqual([]);
    expect(a.push('8256643941')).toEqual([]);
    expect(a.hasPending).toBe(true);
    expect(a.flush()).toBe('287634438256643941');
    expect(a.flush()).toBeNull();
  });
});
