// WeChat Pay on a training till, end to end in real `pos` processes (issue 12): every paid answer's
// amount.payer_total and promotion_detail are journaled, `pos query` and `pos receipt` show 订单金额 /
// 优惠 by who funded it / 顾客实付 / 商家实收; and `pos reconcile --provider wechat` fetches the day's
// WeChat bill over real HTTP from the till's own in-process WeChat training gateway (started lazily,
// bills on the same server and store) and finds the planted difference (code …12).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../app/common/time.ts';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';

const wx = (suffix: string) => `1345678901234567${suffix}`;

function setUp() {
  const dir = tempDir('till-wxtill-');
  const config = join(dir, 'till.json');
  writeFileSync(config, JSON.stringify({ dataDir: 'data', payment: { waitSeconds: 10, requestTimeoutMs: 3000 } }));
  return { dir, config };
}

async function paid(config: string, amount: string, code: string): Promise<string> {
  const r = await pos(['pay', '--config', config, '--json', '--amount', amount, '--code', code]);
  expect(r.json, r.stderr).toMatchObject({ status: 'SUCCESS', provider: 'wechat' });
  return r.json!.outTradeNo as string;
}

describe('WeChat Pay amounts and day bill on a training till', () => {
  it('journals payer_total and promotion_detail, shows them in pos query and on the receipt, and reconciles the WeChat bill with its planted difference', { timeout: 300_000 }, async () => {
    const { config } = setUp();
    const coupon = await paid(config, '10.00', wx('13'));
    const wechatFunded = await paid(config, '10.00', wx('14'));
    const plain = await paid(config, '3.00', wx('00'));
    // Confirmed on the phone: settled by the order query, whose answer is journaled the same way.
    const confirmed = await paid(config, '4.00', wx('01'));
    const planted = await paid(config, '6.00', wx('12'));

    const q = await pos(['query', '--config', config, '--json', '--out-trade-no', coupon]);
    expect(q.json).toMatchObject({ status: 'SUCCESS', paid: { total: '10.00', merchantDiscount: '-2.00', buyerPays: '8.00', shopReceives: '8.00' } });
    expect((q.json!.paid as Record<string, unknown>).platformDiscount).toBeUndefined();
    const q2 = await pos(['query', '--config', config, '--json', '--out-trade-no', wechatFunded]);
    expect(q2.json).toMatchObject({ paid: { total: '10.00', platformDiscount: '-1.00', buyerPays: '9.00', shopReceives: '10.00' } });
    const text = await pos(['query', '--config', config, '--out-trade-no', coupon]);
    expect(text.stdout).toMatch(/商家优惠 Discount \(shop\)\s+-¥2\.00/);
    // A plain payment says nothing more.
    expect((await pos(['query', '--config', config, '--json', '--out-trade-no', plain])).json!.paid).toBeUndefined();
    expect((await pos(['query', '--config', config, '--json', '--out-trade-no', confirmed])).json!.paid).toBeUndefined();

    const receipt = await pos(['receipt', '--config', config, '--out-trade-no', coupon, '--format', 'text']);
    expect(receipt.code, receipt.stderr).toBe(0);
    expect(receipt.stdout).toMatch(/订单金额\s+￥10\.00/);
    expect(receipt.stdout).toMatch(/商家优惠\s+-￥2\.00/);
    expect(receipt.stdout).toMatch(/顾客实付\s+￥8\.00/);
    expect(receipt.stdout).toMatch(/商家实收\s+￥8\.00/);
    const plainReceipt = await pos(['receipt', '--config', config, '--out-trade-no', plain, '--format', 'text']);
    expect(plainReceipt.stdout).not.toMatch(/订单金额|优惠|顾客实付|商家实收/);

    const r = await pos(['reconcile', '--config', config, '--json', '--provider', 'wechat', '--date', shanghaiDay(Date.now())]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.json).toMatchObject({
      status: 'DIFFERENCES', provider: 'wechat', training: true,
      payments: { matched: { count: 4, amount: '27.00' }, inBillNotInTill: { count: 0 }, inTillNotInBill: { count: 0 }, amountDiffers: 1 },
    });
    const diffs = (r.json!.differences as Array<Record<string, unknown>>).map((d) => [d.kind, d.what, d.outTradeNo, d.billAmount, d.tillAmount, d.tillState]);
    expect(diffs).toEqual([['amount-differs', 'payment', planted, '7.00', '6.00', 'SUCCESS']]);
    expect(String(r.json!.rawFile)).toMatch(/bills[\\/]wechat[\\/].*\.csv\.gz$/);
  });
});
