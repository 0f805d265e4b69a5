// Issue 12 over the IPC door both transports share: the cashier on duty is the core's, checked and
// journaled with each payment; a till that asks refuses a payment without one; the Z signs out;
// the undiscountable argument is validated before anything is sent.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../app/config/config.ts';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { dispatch } from '../../app/ipc/dispatch.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

let host: TillHost;
let sim: TrainingGateway;
const pushes: Array<[string, unknown]> = [];
afterEach(async () => {
  await host.close();
  await sim.close();
});

async function open(cashiers?: Record<string, unknown>): Promise<TillHost> {
  const dir = tempDir();
  sim = await startTrainingGateway({ storePath: join(dir, 'g.db') });
  host = new TillHost({ config: parseConfig({ dataDir: 'data', alipay: { gateway: sim.url }, payment: { waitSeconds: 5 }, ...(cashiers ? { cashiers } : {}) }, dir), box: filePermissionBox, push: (e, p) => void pushes.push([e, p]), version: 'test' });
  await host.open();
  return host;
}

const call = (channel: string, req: unknown) => dispatch(host.handlers, channel, req) as Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string; messageZh: string } }>;

describe('cashier over IPC (issue 12)', () => {
  it('a till that asks: CASHIER_REQUIRED before sign-in (nothing sent), the payment carries the cashier after, the Z signs out', async () => {
    await open({ list: [{ id: '001', name: '张三' }] });
    expect((await call('pos:cashier:current', {})).data).toEqual({ cashier: null, ask: true, list: [{ id: '001', name: '张三' }] });
    const refused = await call('pos:payment:start', { amount: '5.00', code: code('00') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CASHIER_REQUIRED' } });
    expect(sim.requests()).toEqual([]);
    expect(await call('pos:cashier:signIn', { id: '009' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect((await call('pos:cashier:signIn', { id: '001' })).data).toMatchObject({ cashier: { id: '001', name: '张三' } });
    const paid = await call('pos:payment:start', { amount: '12.00', code: code('00'), undiscountable: '10.00' });
    expect(paid.data).toMatchObject({ status: 'SUCCESS', cashier: '001', undiscountableFen: 1000 });
    expect(sim.requests().find((r) => r.method === 'alipay.trade.pay')?.biz).toMatchObject({ operator_id: '001', undiscountable_amount: '10.00', discountable_amount: '2.00' });
    expect((await call('pos:report:close', {})).ok).toBe(true);
    expect((await call('pos:cashier:current', {})).data).toMatchObject({ cashier: null, ask: true });
    // Every cashier screen heard each change: the sign-in, then the Z's sign-out.
    const heard = pushes.filter(([e]) => e === 'pos:cashier:changed').map(([, v]) => (v as { cashier: { id: string } | null }).cashier?.id ?? null);
    expect(heard).toEqual(['001', null]);
  });

  it('a screen\'s refund is made by the cashier on duty then (operator_id, journaled, on the view); nobody signed in on a till that asks: CASHIER_REQUIRED, nothing sent', async () => {
    await open({ list: [{ id: '001', name: '张三' }, { id: '002', name: '李四' }] });
    await call('pos:cashier:signIn', { id: '001' });
    const paid = await call('pos:payment:start', { amount: '12.00', code: code('00') });
    expect(paid.data).toMatchObject({ status: 'SUCCESS', cashier: '001' });
    await call('pos:cashier:signIn', { id: '002' });
    const r = await call('pos:refund:start', { outTradeNo: paid.data!.outTradeNo, amount: '2.00' });
    expect(r.data).toMatchObject({ status: 'SUCCESS', cashier: '002' });
    expect(sim.requests().find((x) => x.method === 'alipay.trade.refund')?.biz).toMatchObject({ operator_id: '002' });
    expect(host.till.journal.refundsFor(String(paid.data!.outTradeNo))).toMatchObject([{ cashier: '002' }]);
    await call('pos:cashier:signOut', {});
    const refused = await call('pos:refund:start', { outTradeNo: paid.data!.outTradeNo, amount: '3.00' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CASHIER_REQUIRED' } });
    expect(sim.requests().filter((x) => x.method === 'alipay.trade.refund')).toHaveLength(1);
  });

  it('a till that does not ask takes payments without a cashier; the undiscountable argument is checked before anything is sent', async () => {
    await open();
    expect((await call('pos:cashier:current', {})).data).toEqual({ cashier: null, ask: false, list: [] });
    expect(await call('pos:payment:start', { amount: '5.00', code: code('00'), undiscountable: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const over = await call('pos:payment:start', { amount: '5.00', code: code('00'), undiscountable: '5.01' });
    expect(over).toMatchObject({ ok: false, error: { code: 'INVALID_AMOUNT' } });
    expect(over.error!.messageZh).toContain('不参与优惠金额');
    expect(await call('pos:payment:qr', { amount: '5.00', undiscountable: '6' })).toMatchObject({ ok: false, error: { code: 'INVALID_AMOUNT' } });
    expect(sim.requests()).toEqual([]);
    expect((await call('pos:payment:start', { amount: '5.00', code: code('00') })).data).toMatchObject({ status: 'SUCCESS' });
    expect(sim.requests().find((r) => r.method === 'alipay.trade.pay')?.biz).not.toHaveProperty('operator_id');
  });
});
