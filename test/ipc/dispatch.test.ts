// The IPC door both transports share: only allowlisted channels, only validated arguments, and
// a Result envelope whatever happens inside, with secrets never in a result.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../app/config/config.ts';
import type { PushEvent } from '../../app/common/ipc/contract.ts';
import { startTrainingGateway, loadTrainingKeys, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { dispatch } from '../../app/ipc/dispatch.ts';
import { ManagerPin } from '../../app/settings/ManagerPin.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { code } from '../helpers/trainingTill.ts';

let host: TillHost;
let sim: TrainingGateway;
const pushes: Array<[PushEvent, unknown]> = [];
afterEach(async () => {
  await host.close();
  await sim.close();
});

async function open(printReceipt?: (outTradeNo: string) => Promise<boolean>): Promise<TillHost> {
  const dir = tempDir();
  sim = await startTrainingGateway({ storePath: join(dir, 'g.db') });
  host = new TillHost({ config: parseConfig({ dataDir: 'data', alipay: { gateway: sim.url }, payment: { waitSeconds: 5 } }, dir), box: filePermissionBox, push: (e, p) => pushes.push([e, p]), version: 'test', ...(printReceipt ? { printReceipt } : {}) });
  await host.open();
  return host;
}

describe('dispatch', () => {
  it.each([
    ['pos:payment:drop', {}, /unknown channel/],
    ['__proto__', {}, /unknown channel/],
    [42, {}, /unknown channel/],
    ['pos:payment:start', { amount: 5, code: code('00') }, /amount: Invalid input: expected string/],
    ['pos:payment:start', { amount: '5', code: code('00'), extra: 1 }, /Unrecognized key: "extra"/],
    ['pos:payment:start', null, /expected string/],
    ['pos:payment:query', { outTradeNo: "x'; DROP TABLE attempts;--" }, /out_trade_no of letters/],
    ['pos:settings:set', { alipay: { appId: 'abc' } }, /16-digit Alipay app id/],
    ['pos:settings:set', { printer: { url: 'http://evil' } }, /tcp:\/\/HOST:9100/],
  ])('refuses %j %j', async (channel, arg, why) => {
    await open();
    const r = await dispatch(host.handlers, channel, arg);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_ARGUMENT');
      expect(r.error.message).toMatch(why);
    }
    expect(sim.requests()).toEqual([]);
  });

  it('takes a payment and pushes its state changes', async () => {
    await open();
    pushes.length = 0;
    const r = await dispatch(host.handlers, 'pos:payment:start', { amount: '12.34', code: code('00') });
    expect(r).toMatchObject({ ok: true, data: { status: 'SUCCESS', amount: '12.34', training: true } });
    // Each change goes out twice: in full for the cashier, and as the customer's view for the display.
    expect(pushes.map(([e, p]) => [e, (p as { state: string }).state])).toEqual([
      ['pos:payment:changed', 'SENT'], ['pos:customer:changed', 'SENT'], ['pos:payment:changed', 'SUCCESS'], ['pos:customer:changed', 'SUCCESS'],
    ]);
    const list = await dispatch(host.handlers, 'pos:payment:list', { search: '3900' });
    expect(list.ok && (list.data as unknown[]).length).toBe(1);
    const byAmount = await dispatch(host.handlers, 'pos:payment:list', { search: '12.34' });
    expect(byAmount.ok && (byAmount.data as unknown[]).length).toBe(1);
    const none = await dispatch(host.handlers, 'pos:payment:list', { search: '9999' });
    expect(none.ok && (none.data as unknown[]).length).toBe(0);
  });

  it('answers a paid sale without waiting for the receipt printer (a hung printer holds nothing)', async () => {
    const printed: string[] = [];
    await open((no) => {
      printed.push(no);
      return new Promise<boolean>(() => {}); // a printer that never answers
    });
    const r = await dispatch(host.handlers, 'pos:payment:start', { amount: '3.00', code: code('00') });
    expect(r).toMatchObject({ ok: true, data: { status: 'SUCCESS' } });
    expect(printed).toEqual([(r as { data: { outTradeNo: string } }).data.outTradeNo]);
  });

  it('turns a refusal inside the core into an error result with both languages', async () => {
    await open();
    const r = await dispatch(host.handlers, 'pos:payment:start', { amount: '0', code: code('00') });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_AMOUNT' } });
    if (!r.ok) expect(r.error.messageZh).toMatch(/金额无效/);
  });

  it('imports keys through settings without ever returning them', async () => {
    await open();
    const keys = loadTrainingKeys();
    // A change of the merchant's keys needs the manager PIN set on the machine (docs/security.md item 3).
    new ManagerPin(host.settings.dataDir).set('2468');
    const r = await dispatch(host.handlers, 'pos:settings:set', { alipay: { appId: '2021000123456789', privateKeyPem: keys.tillPrivateKey, alipayPublicKeyPem: keys.gatewayPublicKey, storeId: 'S1' }, language: 'en', managerPin: '2468' });
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/PRIVATE KEY|PUBLIC KEY|MII/);
    expect(r).toMatchObject({ data: { language: 'en', alipay: { hasPrivateKey: true, hasAlipayPublicKey: true, storeId: 'S1' } } });
    const bad = await dispatch(host.handlers, 'pos:settings:set', { alipay: { privateKeyPem: 'not a key' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG' } });
    // Still in training: no live switch happened by accident.
    expect((await dispatch(host.handlers, 'pos:till:info', {}))).toMatchObject({ ok: true, data: { training: true } });
  });
});
