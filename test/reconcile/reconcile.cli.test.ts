// `pos reconcile` end to end: real `pos` processes, the training gateway over loopback HTTP serving
// its day bill as Alipay ships one (zip of GBK CSVs), real journal files. A day of payments
// matches; each planted difference is reported with its kind; each kind of bad bill is refused with
// a zh/en error and the journal left exactly as it was.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlipaySdk } from 'alipay-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { loadTrainingKeys, startTrainingGateway, type TrainingGateway, type TrainingGatewayOptions } from '../../app/gateway/training/index.ts';
import type { BillFault } from '../../app/gateway/training/bill-route.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { pos, startPos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { APP_ID, code } from '../helpers/trainingTill.ts';

const sims: TrainingGateway[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function setUp(o: Partial<TrainingGatewayOptions> = {}) {
  const dir = tempDir('till-reconcile-');
  const sim = await startTrainingGateway({ storePath: join(dir, 'gateway.db'), paysAfterMs: 1500, ...o });
  sims.push(sim);
  const config = join(dir, 'till.json');
  writeFileSync(config, JSON.stringify({ dataDir: 'data', alipay: { gateway: sim.url }, payment: { waitSeconds: 5, requestTimeoutMs: 3000 } }));
  const journalPath = join(dir, 'data', 'journal-training.db');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const sdk = new AlipaySdk({ appId: APP_ID, privateKey: loadTrainingKeys().tillPrivateKey, keyType: 'PKCS8', alipayPublicKey: loadTrainingKeys().gatewayPublicKey, gateway: sim.url });
  return { dir, sim, config, journalPath, sdk };
}

type Env = Awaited<ReturnType<typeof setUp>>;

async function paid(env: Env, amount: string, suffix = '00'): Promise<string> {
  const r = await pos(['pay', '--config', env.config, '--json', '--amount', amount, '--code', code(suffix)]);
  expect(r.json).toMatchObject({ status: 'SUCCESS' });
  return r.json!.outTradeNo as string;
}

const today = () => shanghaiDay(Date.now());

describe('pos reconcile: a day of training payments', () => {
  it('matches paid, refunded, failed and a late-settled unknown payment, with fees and net, and keeps the raw bill', { timeout: 300_000 }, async () => {
    const env = await setUp();
    const a = await paid(env, '12.34');
    const b = await paid(env, '20.00');
    expect((await pos(['refund', '--config', env.config, '--json', '--out-trade-no', b, '--amount', '5.00'])).json).toMatchObject({ status: 'SUCCESS' });
    expect((await pos(['pay', '--config', env.config, '--json', '--amount', '3.00', '--code', code('03')])).json).toMatchObject({ status: 'FAILED' });
    // The unknown one: the till is killed while the customer confirms; `pos recover` settles it later.
    const run = startPos(['pay', '--config', env.config, '--json', '--amount', '8.88', '--code', code('01')]);
    while (!env.sim.requests().some((x) => x.method === 'alipay.trade.query')) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGKILL');
    await run.done;
    expect((await pos(['recover', '--config', env.config, '--json'])).json).toMatchObject({ status: 'SUCCESS' });

    const csv = join(env.dir, 'day.csv');
    const r = await pos(['reconcile', '--config', env.config, '--json', '--date', today(), '--csv', csv]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      status: 'MATCHED', provider: 'alipay', training: true,
      payments: { matched: { count: 3, amount: '41.22' }, inBillNotInTill: { count: 0 }, inTillNotInBill: { count: 0 }, amountDiffers: 0 },
      refunds: { matched: { count: 1, amount: '5.00' }, inBillNotInTill: { count: 0 }, inTillNotInBill: { count: 0 }, amountDiffers: 0 },
      // 0.6% per line, rounded per line: 0.07 + 0.12 + 0.05, less 0.03 returned with the refund.
      fees: { fee: '0.21' },
      bill: { paymentCount: 3, refundCount: 1, received: '36.22' },
      netSettled: '36.01',
      differences: [],
    });
    expect([a, b].every((no) => typeof no === 'string')).toBe(true);
    const raw = r.json!.rawFile as string;
    expect(raw.startsWith(join(env.dir, 'data', 'bills', 'alipay'))).toBe(true);
    expect(readFileSync(raw).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(readFileSync(csv, 'utf8')).toMatch(/^\uFEFF"差异 kind"/);

    const text = await pos(['reconcile', '--config', env.config, '--date', today()]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/账单与收银台一致 the bill and the till agree/);
  });
});

/** A payment the journal holds but the gateway never saw (or saw differently): a till-side fault, written straight into the journal. */
function journalPayment(journalPath: string, outTradeNo: string, amountFen: number, end: 'paid' | 'declined'): void {
  const j = new SqliteJournal(journalPath);
  try {
    const at = Date.now();
    j.createAttempt({ outTradeNo, provider: 'alipay', amountFen, subject: '门店消费', codeHash: j.hashCode(outTradeNo), codeLast4: '0000', training: true, createdAt: at }, { sending: true });
    j.recordTransition(outTradeNo, 'SENT', { type: end }, end === 'paid' ? { tradeNo: `9${outTradeNo.slice(2)}`, paidAt: null } : { errorCode: 'PAYMENT_DECLINED' }, at);
  } finally {
    j.close();
  }
}

function journalRefund(journalPath: string, outTradeNo: string, outRequestNo: string, amountFen: number): void {
  const j = new SqliteJournal(journalPath);
  try {
    j.createRefund({ outRequestNo, outTradeNo, amountFen, createdAt: Date.now() });
    j.updateRefund(outRequestNo, 'SUCCESS', {}, Date.now());
  } finally {
    j.close();
  }
}

async function gatewayPay(env: Env, outTradeNo: string, amount: string): Promise<void> {
  const a = (await env.sdk.exec('alipay.trade.pay', { bizContent: { out_trade_no: outTradeNo, scene: 'bar_code', auth_code: code('00'), subject: '门店消费', total_amount: amount, product_code: 'FACE_TO_FACE_PAYMENT' } }, { validateSign: true })) as { code: string };
  expect(a.code).toBe('10000');
}

async function gatewayRefund(env: Env, outTradeNo: string, outRequestNo: string, amount: string): Promise<void> {
  const a = (await env.sdk.exec('alipay.trade.refund', { bizContent: { out_trade_no: outTradeNo, out_request_no: outRequestNo, refund_amount: amount } }, { validateSign: true })) as { code: string };
  expect(a.code).toBe('10000');
}

describe('pos reconcile: planted differences', () => {
  it('reports each difference with its kind, amounts and the journal state; the rest still matches', { timeout: 300_000 }, async () => {
    const env = await setUp();
    const fine = await paid(env, '10.00');
    const planted = await paid(env, '6.00', '12'); // the training bill lists …12 one yuan high
    // The costly case: Alipay took the money, the journal says the payment failed.
    journalPayment(env.journalPath, 'TRTHOUGHTFAILED0001', 450, 'declined');
    await gatewayPay(env, 'TRTHOUGHTFAILED0001', '4.50');
    // Paid at Alipay, never journaled at all (e.g. taken by a till with a lost journal).
    await gatewayPay(env, 'TRNEVERJOURNALED001', '2.00');
    // The journal says paid; Alipay never saw it.
    journalPayment(env.journalPath, 'TRONLYINTHETILL001', 990, 'paid');
    // Refunds: one only at Alipay, one only in the journal, one with different amounts.
    await gatewayRefund(env, fine, `${fine}RX`, '1.00');
    journalRefund(env.journalPath, fine, `${fine}RT`, 200);
    await gatewayRefund(env, fine, `${fine}RD`, '0.50');
    journalRefund(env.journalPath, fine, `${fine}RD`, 70);

    const before = createHash('sha256').update(readFileSync(env.journalPath)).digest('hex');
    const r = await pos(['reconcile', '--config', env.config, '--json', '--date', today()]);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({
      status: 'DIFFERENCES',
      payments: { matched: { count: 1, amount: '10.00' }, inBillNotInTill: { count: 2, amount: '6.50' }, inTillNotInBill: { count: 1, amount: '9.90' }, amountDiffers: 1 },
      refunds: { matched: { count: 0 }, inBillNotInTill: { count: 1, amount: '1.00' }, inTillNotInBill: { count: 1, amount: '2.00' }, amountDiffers: 1 },
    });
    const diffs = (r.json!.differences as Array<Record<string, unknown>>).map((d) => [d.kind, d.what, d.outTradeNo, d.outRefundNo, d.billAmount, d.tillAmount, d.tillState]);
    expect(diffs).toEqual(expect.arrayContaining([
      ['amount-differs', 'payment', planted, null, '7.00', '6.00', 'SUCCESS'],
      ['in-bill-not-in-till', 'payment', 'TRTHOUGHTFAILED0001', null, '4.50', '4.50', 'FAILED'],
      ['in-bill-not-in-till', 'payment', 'TRNEVERJOURNALED001', null, '2.00', null, null],
      ['in-till-not-in-bill', 'payment', 'TRONLYINTHETILL001', null, null, '9.90', 'SUCCESS'],
      ['in-bill-not-in-till', 'refund', fine, `${fine}RX`, '1.00', null, null],
      ['in-till-not-in-bill', 'refund', fine, `${fine}RT`, null, '2.00', 'SUCCESS'],
      ['amount-differs', 'refund', fine, `${fine}RD`, '0.50', '0.70', 'SUCCESS'],
    ]));
    expect(diffs).toHaveLength(7);
    // Reconciling only reads: the journal file is byte for byte what it was.
    expect(createHash('sha256').update(readFileSync(env.journalPath)).digest('hex')).toBe(before);

    const text = await pos(['reconcile', '--config', env.config, '--date', today()]);
    expect(text.stdout).toMatch(/账单有、收银台无 in-bill-not-in-till +payment +TRTHOUGHTFAILED0001 +bill 4.50 \/ till 4.50 +till: FAILED/);
  });
});

describe('pos reconcile: bad bills', () => {
  const faults: Array<[BillFault, RegExp]> = [
    ['truncated-zip', /zip cannot be read/],
    ['html-page', /web page/],
    ['unknown-columns', /unknown columns.*商户订单号/],
    ['summary-mismatch', /do not add up/],
  ];
  it.each(faults)('refuses a %s with BILL_INVALID in Chinese and English, keeps the file, changes nothing', async (billFault, why) => {
    const env = await setUp({ billFault });
    // One payment both sides agree on, so the bill is not empty (written in-process: quicker than `pos pay`).
    journalPayment(env.journalPath, 'TRAGREED000000001', 321, 'paid');
    await gatewayPay(env, 'TRAGREED000000001', '3.21');
    const before = createHash('sha256').update(readFileSync(env.journalPath)).digest('hex');
    const r = await pos(['reconcile', '--config', env.config, '--json', '--date', today()]);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ refused: true, error: { code: 'BILL_INVALID' } });
    const error = r.json!.error as { message: string; messageZh: string; details: { rawPath: string } };
    expect(error.message).toMatch(why);
    expect(error.messageZh).toMatch(/^对账单无效，已拒收（未改动任何记录）：支付宝账单/);
    expect(existsSync(error.details.rawPath) && error.details.rawPath.endsWith('.refused')).toBe(true);
    expect(createHash('sha256').update(readFileSync(env.journalPath)).digest('hex')).toBe(before);
    if (billFault === 'html-page') {
      // A page instead of the file is what an expired link gives: the till asked for a fresh link once.
      expect(env.sim.requests().filter((x) => x.method === 'alipay.data.dataservice.bill.downloadurl.query')).toHaveLength(2);
    }
    if (billFault === 'truncated-zip') {
      const text = await pos(['reconcile', '--config', env.config, '--date', today()]);
      expect(text.code).toBe(2);
      expect(text.stderr).toMatch(/对账单无效/);
    }
  });

  it('says a day without a bill yet (isp.bill_not_exist) is not ready, and refuses a bad date before asking', async () => {
    const env = await setUp();
    const r = await pos(['reconcile', '--config', env.config, '--json', '--date', '2099-01-01']);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ error: { code: 'BILL_NOT_READY' } });
    expect((r.json!.error as { messageZh: string }).messageZh).toMatch(/对账单尚未生成/);
    const bad = await pos(['reconcile', '--config', env.config, '--json', '--date', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.json).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect(env.sim.requests().filter((x) => x.method.startsWith('alipay.data'))).toHaveLength(1);
    expect(existsSync(join(env.dir, 'data', 'bills')) ? readdirSync(join(env.dir, 'data', 'bills', 'alipay')) : []).toEqual([]);
  });
});
