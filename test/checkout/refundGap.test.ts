// Issue 15: WeChat takes a second refund of one order only a minute after the first. Before, the
// refund desk slept inside the call and the cashier saw "sending" for up to a minute; now the
// second refund is refused at once, nothing journaled or sent, saying when it may go.
import { describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import { Checkout } from '../../app/checkout/Checkout.ts';
import { SqliteJournal } from '../../app/journal/SqliteJournal.ts';
import { FakeClock } from '../fakes/FakeClock.ts';
import { FakeGateway } from '../fakes/FakeGateway.ts';

const WECHAT_CODE = '134567890123456700';

async function paidWechat() {
  const clock = new FakeClock();
  const gateway = new FakeGateway(clock, { provider: 'wechat', rules: { minCancelDelayMs: 15_000, maxWaitSeconds: 40, minRefundGapMs: 60_000 } });
  const journal = new SqliteJournal(':memory:');
  const checkout = new Checkout({ journal, gateways: [gateway], clock, waitSeconds: 5 });
  const paid = await checkout.pay({ amount: '30.00', code: WECHAT_CODE });
  expect(paid).toMatchObject({ status: 'SUCCESS', provider: 'wechat' });
  return { clock, gateway, journal, checkout, no: paid.outTradeNo };
}

describe('a second WeChat refund of one order', () => {
  it('is refused at once with when it may be sent (zh/en), nothing journaled; after the minute it goes', async () => {
    const { clock, journal, checkout, no } = await paidWechat();
    expect(await checkout.refund(no, '10.00')).toMatchObject({ status: 'SUCCESS' });
    const firstAt = journal.refundsFor(no)[0]!.updatedAt;
    clock.advance(20_000);
    const err = await checkout.refund(no, '5.00').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(PosError);
    expect(err).toMatchObject({ code: 'REFUND_TOO_SOON', details: { outTradeNo: no, notBefore: firstAt + 60_000 } });
    const e = (err as { toData(): { message: string; messageZh: string; details: { waitSeconds: number } } }).toData();
    expect(e.details.waitSeconds).toBe(Math.ceil((firstAt + 60_000 - clock.now()) / 1000));
    const at = new Date(firstAt + 60_000).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    expect(e.message).toContain(`may be sent at ${at}`);
    expect(e.messageZh).toContain(`可在 ${at}`);
    expect(e.messageZh).toContain('微信支付');
    expect(journal.refundsFor(no)).toHaveLength(1);

    clock.advance(60_000);
    expect(await checkout.refund(no, '5.00')).toMatchObject({ status: 'SUCCESS', refundedTotal: '15.00' });
  });
});
