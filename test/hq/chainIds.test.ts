// out_trade_no across a chain (docs/chain.md): with till.id configured each number carries the
// till's tag, so two tills on one merchant account cannot make the same one, and every number fits
// both providers' rules (Alipay: 64 of letters, digits, _; WeChat: 6–32 of letters, digits, _ - * |).
import { describe, expect, it } from 'vitest';
import { chainIds, dayOfChainNumber, idsFor, randomIds, tagOf, tillTag, TILL_TAG_MAX } from '../../app/checkout/ids.ts';
import { OUT_TRADE_NO as WECHAT_OUT_TRADE_NO } from '../../app/gateway/wechat/wire.ts';

const ALIPAY_OUT_TRADE_NO = /^[A-Za-z0-9_]{1,64}$/;
const AT = Date.parse('2026-12-02T10:11:12+08:00');

describe('chain-unique out_trade_no', () => {
  it('carries the till tag, the Shanghai time and 6 digits; within both providers\' limits for every till id the config allows', () => {
    expect(chainIds('S01-T01').outTradeNo(true, AT)).toMatch(/^TRS01_T01_261202101112\d{6}$/);
    expect(chainIds('S01-T01').outTradeNo(false, AT)).toMatch(/^PS01_T01_261202101112\d{6}$/);
    const ids = ['S01-T01', 'a', 'SHANGHAI-PUDONG-0001-T01', 'x'.repeat(64), 'S.1_2-3', 'R1'];
    for (const id of ids) {
      for (const training of [true, false]) {
        const no = chainIds(id).outTradeNo(training, AT);
        expect(no).toMatch(WECHAT_OUT_TRADE_NO);
        expect(no).toMatch(ALIPAY_OUT_TRADE_NO);
        expect(no.length).toBeLessThanOrEqual(32);
        expect(tagOf(no)).toBe(tillTag(id));
        expect(dayOfChainNumber(no)).toBe('2026-12-02');
      }
    }
  });

  it('long till ids keep apart (a hash of the whole id), and numbers made without a till id carry no tag', () => {
    const a = tillTag('SHANGHAI-PUDONG-0001-T01');
    const b = tillTag('SHANGHAI-PUDONG-0001-T02');
    expect(a).not.toBe(b);
    expect(a.length).toBe(TILL_TAG_MAX);
    expect(a.startsWith('SHANGH')).toBe(true);
    expect(tagOf(randomIds.outTradeNo(true, AT))).toBeNull();
    expect(tagOf('TRTHOUGHTFAILED0001')).toBeNull();
    expect(dayOfChainNumber(randomIds.outTradeNo(true, AT))).toBeNull();
    expect(idsFor(undefined)).toBe(randomIds);
    expect(idsFor('S01-T01').outTradeNo(true, AT)).toMatch(/^TRS01_T01_/);
  });

  it('two tills taking payments in the same second never make the same number', () => {
    const t1 = chainIds('S01-T01');
    const t2 = chainIds('S01-T02');
    const one = new Set(Array.from({ length: 2000 }, () => t1.outTradeNo(false, AT)));
    for (let i = 0; i < 2000; i++) expect(one.has(t2.outTradeNo(false, AT))).toBe(false);
  });
});
