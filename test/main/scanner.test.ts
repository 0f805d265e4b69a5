import { describe, expect, it } from 'vitest';
import type { PushEvent, PushEvents } from '../../app/common/ipc/contract.ts';
import { FakeScanSource } from '../../app/scanner/fake-source.ts';
import { ScannerLink, type ScanSourceMakers } from '../../app/scanner/ScannerLink.ts';

function setUp(o: { makers?: Partial<ScanSourceMakers>; paying?: () => boolean } = {}) {
  const pushed: Array<{ event: PushEvent; payload: unknown }> = [];
  const sources: FakeScanSource[] = [];
  let now = 0;
  const make = async () => {
    const s = new FakeScanSource({ now: () => now });
    sources.push(s);
    return s;
  };
  const makers: ScanSourceMakers = { hid: make, serial: make, ...o.makers };
  const link = new ScannerLink({
    makers,
    push: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void pushed.push({ event, payload }),
    isPaymentInProgress: o.paying ?? (() => false),
    duplicateWindowMs: 1000,
  });
  return { link, pushed, sources, advance: (ms: number) => void (now += ms), of: (e: PushEvent) => pushed.filter((p) => p.event === e).map((p) => p.payload) };
}

const ALIPAY = '287654321012345600';

describe('ScannerLink', () => {
  it('opens nothing for a keyboard-wedge scanner: the till window reads it', async () => {
    const { link, sources, of } = setUp();
    await link.use({ source: 'wedge', path: null });
    expect(sources).toHaveLength(0);
    expect(of('pos:scanner:status')).toEqual([expect.objectContaining({ source: 'wedge', state: 'connected' })]);
  });

  it('pushes each code a serial scanner reads, classified', async () => {
    const { link, sources, of } = setUp();
    await link.use({ source: 'serial', path: '/dev/ttyACM0' });
    sources[0]!.scan(ALIPAY);
    expect(of('pos:scanner:scanned')).toEqual([{ code: ALIPAY, provider: 'alipay', accepted: true, at: 0 }]);
    expect(of('pos:scanner:status').at(-1)).toEqual({ source: 'serial', state: 'connected' });
  });

  it('pushes a repeat within the window and a scan during a payment as rejected, with the reason', async () => {
    let paying = false;
    const { link, sources, of, advance } = setUp({ paying: () => paying });
    await link.use({ source: 'hid', path: null });
    sources[0]!.scan(ALIPAY);
    advance(200);
    sources[0]!.scan(ALIPAY);
    paying = true;
    advance(5000);
    sources[0]!.scan('287654321012345611');
    expect(of('pos:scanner:scanned')).toEqual([
      expect.objectContaining({ accepted: true }),
      expect.objectContaining({ accepted: false, reason: 'duplicate', provider: null }),
      expect.objectContaining({ accepted: false, reason: 'payment-in-progress' }),
    ]);
  });

  it('marks a code no wallet issues as not accepted, so the screen shows why instead of charging it', async () => {
    const { link, sources, of } = setUp();
    await link.use({ source: 'hid', path: null });
    sources[0]!.scan('9787111213825');
    expect(of('pos:scanner:scanned')).toEqual([expect.objectContaining({ code: '9787111213825', provider: null, accepted: false, reason: expect.stringMatching(/no wallet/) })]);
  });

  it('says what is missing for a serial scanner without a port, and opens nothing', async () => {
    const { link, sources, of } = setUp();
    await link.use({ source: 'serial', path: null });
    expect(sources).toHaveLength(0);
    expect(of('pos:scanner:status')).toEqual([expect.objectContaining({ source: 'serial', state: 'error', message: expect.stringMatching(/port/) })]);
  });

  it('reports a scanner whose native module cannot load as a status, not a crash', async () => {
    const { link, of } = setUp({ makers: { hid: async () => { throw new Error('libusb-1.0.so.0: cannot open shared object file'); } } });
    await link.use({ source: 'hid', path: null });
    expect(of('pos:scanner:status')).toEqual([{ source: 'hid', state: 'error', message: expect.stringMatching(/libusb/) }]);
  });

  it('lets go of the old scanner when the settings change, so its codes stop arriving', async () => {
    const { link, sources, of } = setUp();
    await link.use({ source: 'serial', path: '/dev/ttyACM0' });
    await link.use({ source: 'hid', path: null });
    sources[0]!.scan(ALIPAY);
    expect(of('pos:scanner:scanned')).toEqual([]);
    sources[1]!.scan(ALIPAY);
    expect(of('pos:scanner:scanned')).toHaveLength(1);
  });

  it('repeats the last status for a window that has just loaded', async () => {
    const { link, of } = setUp();
    await link.use({ source: 'serial', path: '/dev/ttyACM0' });
    const before = of('pos:scanner:status').length;
    link.announce();
    expect(of('pos:scanner:status')).toHaveLength(before + 1);
    expect(of('pos:scanner:status').at(-1)).toEqual({ source: 'serial', state: 'connected' });
  });
});
