import { describe, expect, it } from 'vitest';
import { cueFor, soundFor } from '../../renderer/sound/sounds.ts';
import { DEFAULT_SOUND_PREFS, parseSoundPrefs } from '../../renderer/sound/soundPrefs.ts';
import { EMPTY_DRAFT, type SaleState } from '../../renderer/sale/saleMachine.ts';
import { payment } from './payments.ts';

const paying: SaleState = { phase: 'paying', draft: EMPTY_DRAFT, startedAt: 0, codeLast4: null, payment: null, cancelRequested: false, ignoredScan: null };
const result = (p: ReturnType<typeof payment>): Extract<SaleState, { phase: 'result' }> => ({ phase: 'result', draft: EMPTY_DRAFT, payment: p, ignoredScan: null });

describe('soundFor', () => {
  it('plays once when the result arrives, a different sound for paid, failed, cancelled and unknown', () => {
    expect(soundFor(paying, result(payment('SUCCESS')))).toBe('paid');
    expect(soundFor(paying, result(payment('FAILED')))).toBe('failed');
    expect(soundFor(paying, result(payment('CANCELLED')))).toBe('cancelled');
    const unknown: SaleState = { phase: 'unknown', draft: EMPTY_DRAFT, startedAt: 0, codeLast4: null, payment: null, resolving: false, problem: null, ignoredScan: null };
    expect(soundFor(paying, unknown)).toBe('unknown');
    expect(soundFor(unknown, { ...unknown, resolving: true })).toBeNull();
  });

  it('says a paid sale aloud when announcements are on, and plays nothing at volume 0', () => {
    const paid = result({ ...payment('SUCCESS'), amountFen: 1880, amount: '18.80', provider: 'alipay' });
    expect(cueFor(paying, paid, DEFAULT_SOUND_PREFS)).toEqual({ speech: ['支付宝', '到账', '十', '八', '元', '八', '角'] });
    expect(cueFor(paying, paid, { voice: false, volumePercent: 50 })).toEqual({ sound: 'paid' });
    expect(cueFor(paying, paid, { voice: true, volumePercent: 0 })).toBeNull();
    expect(cueFor(paying, result(payment('CANCELLED')), DEFAULT_SOUND_PREFS)).toEqual({ sound: 'cancelled' });
  });

  it('reads stored preferences safely', () => {
    expect(parseSoundPrefs(null)).toEqual(DEFAULT_SOUND_PREFS);
    expect(parseSoundPrefs('not json')).toEqual(DEFAULT_SOUND_PREFS);
    expect(parseSoundPrefs('{"voice":false,"volumePercent":250}')).toEqual({ voice: false, volumePercent: 100 });
  });

  it('stays quiet otherwise', () => {
    const paid = result(payment('SUCCESS'));
    expect(soundFor(paid, { ...paid, ignoredScan: { last4: '1234', at: 1 } })).toBeNull();
    expect(soundFor(paying, { ...paying, cancelRequested: true })).toBeNull();
  });
});
