// One scan, one payment: repeats within the window are one scan; a scan during a payment is not a
// second payment (issue 3, item 6; field-notes.md item 1).
import { describe, expect, it } from 'vitest';
import { DuplicateGuard } from '../../app/scanner/duplicate-guard.ts';
import { FakeScanSource } from '../../app/scanner/fake-source.ts';
import { connectScans } from '../../app/scanner/scan-intake.ts';

function guard(windowMs = 3000): { g: DuplicateGuard; paying: { value: boolean } } {
  const paying = { value: false };
  return { g: new DuplicateGuard({ windowMs, isPaymentInProgress: () => paying.value }), paying };
}

describe('DuplicateGuard', () => {
  it('takes the same code twice within the window as one scan', () => {
    const { g } = guard();
    expect(g.accept('287634438256643941', 1000)).toEqual({ accepted: true });
    expect(g.accept('287634438256643941', 2500)).toEqual({ accepted: false, reason: 'duplicate' });
  });

  it('accepts a different code at once, and the same code again once the window has passed', () => {
    const { g } = guard();
    g.accept('287634438256643941', 0);
    expect(g.accept('134567890123456789', 100)).toEqual({ accepted: true });
    expect(g.accept('134567890123456789', 3100)).toEqual({ accepted: true });
  });

  it('slides the window with each sighting: a code held under a continuous scanner stays one scan', () => {
    const { g } = guard();
    g.accept('287634438256643941', 0);
    for (const t of [900, 1800, 2700, 3600, 4500, 5400]) expect(g.accept('287634438256643941', t).accepted).toBe(false);
    expect(g.accept('287634438256643941', 8500)).toEqual({ accepted: true });
  });

  it('refuses any new scan while a payment is in progress, and takes it once the payment is over', () => {
    const { g, paying } = guard();
    g.accept('287634438256643941', 0);
    paying.value = true;
    expect(g.accept('134567890123456789', 5000)).toEqual({ accepted: false, reason: 'payment-in-progress' });
    paying.value = false;
    // Rescanned deliberately after the payment: not a duplicate of the refused sighting.
    expect(g.accept('134567890123456789', 6000)).toEqual({ accepted: true });
  });

  it('does not take a clock that went backwards for a repeat', () => {
    const { g } = guard();
    g.accept('287634438256643941', 10_000);
    expect(g.accept('287634438256643941', 9_000)).toEqual({ accepted: true });
  });

  it('refuses a negative window', () => {
    expect(() => new DuplicateGuard({ windowMs: -1, isPaymentInProgress: () => false })).toThrow(/windowMs/);
  });
});

describe('connectScans', () => {
  it('hands new scans to Checkout and shows, but does not charge, repeats and scans during a payment', async () => {
    let now = 0;
    const source = new FakeScanSource({ now: () => now });
    const paying = { value: false };
    const g = new DuplicateGuard({ windowMs: 3000, isPaymentInProgress: () => paying.value });
    const charged: string[] = [];
    const shown: string[] = [];
    connectScans(source, g, { onCode: (s) => charged.push(s.code), onRejected: (s, why) => shown.push(`${s.code}:${why}`) });
    await source.start();
    source.scan('287634438256643941');
    now = 400;
    source.scan('287634438256643941');
    paying.value = true;
    now = 5000;
    source.scan('134567890123456789');
    expect(charged).toEqual(['287634438256643941']);
    expect(shown).toEqual(['287634438256643941:duplicate', '134567890123456789:payment-in-progress']);
  });
});
