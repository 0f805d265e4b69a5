// WeChat Pay's day bill over real HTTP: the real WeChat adapter pays at the WeChat training gateway,
// whose bill paths (app/reconcile/training/wechatBillRoute.ts, through its extraRoute hook) serve
// the gzip bill from its own order store; the bill source signs both requests, verifies the signed
// answer, checks the SHA1 after gunzip and reads backticked cells by header name.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFen } from '../../app/common/money.ts';
import { PosError } from '../../app/common/errors.ts';
import { TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID, loadWechatTrainingKeys } from '../../app/gateway/wechat/training/keys.ts';
import { startWechatTrainingGateway, type WechatTrainingGateway } from '../../app/gateway/wechat/training/server.ts';
import { WechatGateway } from '../../app/gateway/wechat/WechatGateway.ts';
import { shanghaiDay } from '../../app/common/time.ts';
import { reconcile } from '../../app/reconcile/match.ts';
import { pack, refundKey, type TillLedger } from '../../app/reconcile/tillRecords.ts';
import { wechatTrainingBills } from '../../app/reconcile/training/wechatBillRoute.ts';
import { wechatBillSourceFor } from '../../app/reconcile/wechatBillSource.ts';
import { tempDir } from '../helpers/tempDir.ts';

let sim: WechatTrainingGateway | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const keys = loadWechatTrainingKeys();

async function setUp() {
  const dir = tempDir('till-wxbill-');
  const storePath = join(dir, 'wechat.db');
  const bills = wechatTrainingBills(storePath);
  sim = await startWechatTrainingGateway({ storePath, extraRoute: bills.route });
  bills.origin(sim.url);
  const o = {
    baseUrl: sim.url, mchId: TRAINING_MCH_ID, appId: TRAINING_APP_ID, privateKey: keys.merchantPrivateKey, certSerialNo: TRAINING_CERT_SERIAL,
    wechatPayPublicKey: keys.wechatPayPublicKey, wechatPayPublicKeyId: TRAINING_PUB_KEY_ID, training: true, requestTimeoutMs: 3000,
  };
  return { gateway: new WechatGateway(o), source: wechatBillSourceFor(o) };
}

const code = (suffix: string) => `1345678901234567${suffix}`;

function ledgerOf(pays: Array<[string, number]>, refunds: Array<[string, string, number]>, day: string): TillLedger {
  return {
    paymentIndex: () => new Map(pays.map(([no, fen]) => [no, pack(fen, 'SUCCESS', true)])),
    refundIndex: () => new Map(refunds.map(([no, req, fen]) => [refundKey(no, req), pack(fen, 'SUCCESS', true)])),
    payment: (no) => { const p = pays.find(([n]) => n === no); return p && { outTradeNo: no, provider: 'wechat', state: 'SUCCESS', amountFen: p[1], day, paidAt: null, tradeNo: null }; },
    refundsOf: () => [],
  };
}

describe('WeChat Pay day bill', () => {
  it('fetches, verifies and matches a day of WeChat payments and a refund, with fees to 0.00001 yuan', async () => {
    const { gateway, source } = await setUp();
    const day = shanghaiDay(Date.now());
    const a = `WX${Date.now()}A`;
    const b = `WX${Date.now()}B`;
    expect(await gateway.pay({ outTradeNo: a, authCode: code('00'), amountFen: checkFen(1234), subject: '门店消费', payTimeoutMinutes: 5 })).toMatchObject({ kind: 'paid' });
    expect(await gateway.pay({ outTradeNo: b, authCode: code('00'), amountFen: checkFen(501), subject: '门店消费', payTimeoutMinutes: 5 })).toMatchObject({ kind: 'paid' });
    // WeChat answers a refund PROCESSING; it is SUCCESS (and in the bill) once it settles.
    expect((await gateway.refund({ outTradeNo: a, outRequestNo: `${a}R1`, amountFen: checkFen(234), totalFen: checkFen(1234) })).kind).toMatch(/refunded|processing/);
    expect(await gateway.refundQuery(a, `${a}R1`)).toMatchObject({ kind: 'refunded' });

    const fetched = await source.fetch(day);
    expect(fetched.ext).toBe('csv.gz');
    expect(Buffer.from(fetched.bytes.subarray(0, 2)).toString('hex')).toBe('1f8b');
    const r = reconcile(fetched.parse(), ledgerOf([[a, 1234], [b, 501]], [[a, `${a}R1`, 234]], day));
    expect(r.differences).toEqual([]);
    expect(r.payments.matched).toEqual({ count: 2, amountFen: 1735 });
    expect(r.refunds.matched).toEqual({ count: 1, amountFen: 234 });
    // 0.6% of 17.35 is 0.1041, less 0.6% of 2.34 returned (0.01404): 0.09006 yuan, 9 fen for the day.
    expect(r.fees).toEqual({ feeMilliFen: 9006, feeFen: 9 });
    expect(r.netSettledFen).toBe(1735 - 234 - 9);

    // A payment the till does not count as paid is reported, as for Alipay.
    const r2 = reconcile((await source.fetch(day)).parse(), ledgerOf([[a, 1234]], [[a, `${a}R1`, 234]], day));
    expect(r2.differences.map((d) => [d.kind, d.outTradeNo])).toEqual([['in-bill-not-in-till', b]]);
  });

  it('says a future day has no bill yet (NO_STATEMENT_EXIST): BILL_NOT_READY', async () => {
    const { source } = await setUp();
    await expect(source.fetch('2099-01-01')).rejects.toSatisfy((e: unknown) => e instanceof PosError && e.code === 'BILL_NOT_READY' && /NO_STATEMENT_EXIST/.test(e.message));
  });
});
