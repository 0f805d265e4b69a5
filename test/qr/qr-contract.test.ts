// One contract for both QrGateway adapters (Alipay precreate, WeChat Native), each over real HTTP to
// its training gateway: what QrCheckout relies on, in the port's words. Where the providers differ
// the contract says what both answers mean: before the scan Alipay has no trade (not-found) and
// WeChat an unpaid order (waiting) — both "still open"; after a close, closed or not-found, and a
// scan no longer pays.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFen } from '../../app/common/money.ts';
import type { Gateway } from '../../app/gateway/Gateway.ts';
import type { QrGateway } from '../../app/gateway/qr.ts';
import { AlipayGateway } from '../../app/gateway/AlipayGateway.ts';
import { loadTrainingKeys, startTrainingGateway } from '../../app/gateway/training/index.ts';
import { adapter, outTradeNo, startSim, tempDir } from '../gateway/wechat/fixture.ts';

type Subject = { gw: Gateway & QrGateway; scan: (outTradeNo: string) => void; charges: (outTradeNo: string) => number };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const subjects: Record<string, () => Promise<Subject>> = {
  alipay: async () => {
    const keys = loadTrainingKeys();
    const sim = await startTrainingGateway({ storePath: join(tempDir(), 'alipay.db') });
    closers.push(() => sim.close());
    const gw = new AlipayGateway({ appId: '2021000000000000', privateKey: keys.tillPrivateKey, alipayPublicKey: keys.gatewayPublicKey, gatewayUrl: sim.url, requestTimeoutMs: 3000, training: true });
    return { gw, scan: (n) => sim.simulateQrScan(n), charges: (n) => sim.chargeCount(n) };
  },
  wechat: async () => {
    const sim = await startSim();
    return { gw: adapter(sim.url, { notifyUrl: 'https://hq.example.com/wechat/notify' }), scan: (n) => void sim.simulateQrScan(n), charges: (n) => sim.chargeCount(n) };
  },
};

const req = (n: string, amountFen = 1234) => ({ outTradeNo: n, amountFen: checkFen(amountFen), subject: '培训商品', expiresAtMs: Date.now() + 120_000, timeoutMinutes: 2 });
const open = (q: Awaited<ReturnType<Gateway['query']>>) => q.kind === 'not-found' || (q.kind === 'status' && q.status === 'waiting');

describe.each(Object.keys(subjects))('QrGateway contract: %s', (name) => {
  it('precreate answers a code; before the scan the order is still open; a scan pays it; the query says paid with the amount; a paid order is not closable', async () => {
    const s = await subjects[name]!();
    const n = outTradeNo();
    const o = await s.gw.precreate(req(n));
    expect(o).toMatchObject({ kind: 'qr', qrCode: expect.any(String) });
    expect(open(await s.gw.query(n))).toBe(true);
    s.scan(n);
    expect(await s.gw.query(n)).toMatchObject({ kind: 'status', status: 'paid', outTradeNo: n, totalFen: 1234, tradeNo: expect.any(String) });
    expect((await s.gw.closeQr(n)).kind).toMatch(/^(not-closable|retry)$/);
    expect(s.charges(n)).toBe(1);
  });

  it('close of an unpaid code: closed (or not-found), then the query says closed or not-found, and a scan no longer pays', async () => {
    const s = await subjects[name]!();
    const n = outTradeNo();
    await s.gw.precreate(req(n, 500));
    expect(['closed', 'not-found']).toContain((await s.gw.closeQr(n)).kind);
    const q = await s.gw.query(n);
    expect(q.kind === 'not-found' || (q.kind === 'status' && q.status === 'closed')).toBe(true);
    s.scan(n);
    expect(s.charges(n)).toBe(0);
  });

  it('precreate of the same order again (a lost answer) gives a code again, never a second order', async () => {
    const s = await subjects[name]!();
    const n = outTradeNo();
    const a = await s.gw.precreate(req(n));
    const b = await s.gw.precreate(req(n));
    expect(b).toEqual(a);
  });
});
