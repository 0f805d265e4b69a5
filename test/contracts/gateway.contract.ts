// The Gateway port's contract: every implementation (the Alipay adapter over the training
// gateway, and the in-memory fake) must pass it, so tests on the fake mean something.
import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../app/gateway/Gateway.ts';
import type { Fen } from '../../app/common/money.ts';

export type GatewayUnderTest = { gateway: Gateway; advanceMs(ms: number): Promise<void>; close(): Promise<void> };

const fen = (n: number) => n as Fen;
let serial = 0;
const no = () => `C${Date.now()}${serial++}`;
const code = (kind: string) => `28763443825664${String(serial).padStart(2, '0')}${kind}`;

export function describeGatewayContract(name: string, make: () => Promise<GatewayUnderTest>): void {
  describe(`Gateway contract: ${name}`, () => {
    async function withGateway(fn: (g: GatewayUnderTest) => Promise<void>): Promise<void> {
      const g = await make();
      try {
        await fn(g);
      } finally {
        await g.close();
      }
    }

    it('pays at once and the query agrees', () => withGateway(async ({ gateway }) => {
      const n = no();
      expect(await gateway.pay({ outTradeNo: n, authCode: code('00'), amountFen: fen(1234), subject: 's', payTimeoutMinutes: 5 })).toMatchObject({ kind: 'paid', outTradeNo: n, totalFen: 1234 });
      expect(await gateway.query(n)).toMatchObject({ kind: 'status', status: 'TRADE_SUCCESS', outTradeNo: n, totalFen: 1234 });
    }));

    it('waits, then pays once the buyer confirms', () => withGateway(async ({ gateway, advanceMs }) => {
      const n = no();
      expect((await gateway.pay({ outTradeNo: n, authCode: code('01'), amountFen: fen(500), subject: 's', payTimeoutMinutes: 5 })).kind).toBe('waiting');
      expect(await gateway.query(n)).toMatchObject({ kind: 'status', status: 'WAIT_BUYER_PAY' });
      await advanceMs(60_000);
      expect(await gateway.query(n)).toMatchObject({ kind: 'status', status: 'TRADE_SUCCESS' });
    }));

    it('cancels a waiting trade (close) and a paid one (refund)', () => withGateway(async ({ gateway }) => {
      const waiting = no();
      await gateway.pay({ outTradeNo: waiting, authCode: code('02'), amountFen: fen(500), subject: 's', payTimeoutMinutes: 5 });
      expect(await gateway.cancel(waiting)).toEqual({ kind: 'cancelled', action: 'close' });
      expect(await gateway.query(waiting)).toMatchObject({ kind: 'status', status: 'TRADE_CLOSED' });
      const paid = no();
      await gateway.pay({ outTradeNo: paid, authCode: code('00'), amountFen: fen(500), subject: 's', payTimeoutMinutes: 5 });
      expect(await gateway.cancel(paid)).toEqual({ kind: 'cancelled', action: 'refund' });
    }));

    it('declines with a sub_code and knows no unknown trade', () => withGateway(async ({ gateway }) => {
      expect(await gateway.pay({ outTradeNo: no(), authCode: code('03'), amountFen: fen(500), subject: 's', payTimeoutMinutes: 5 })).toMatchObject({ kind: 'declined', subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH' });
      expect(await gateway.query(no())).toEqual({ kind: 'not-found' });
    }));

    it('refunds in parts, replays without new money, refuses too much, and the refund query agrees', () => withGateway(async ({ gateway }) => {
      const n = no();
      await gateway.pay({ outTradeNo: n, authCode: code('00'), amountFen: fen(1000), subject: 's', payTimeoutMinutes: 5 });
      expect(await gateway.refundQuery(n, `${n}R1`)).toEqual({ kind: 'not-found' });
      expect(await gateway.refund({ outTradeNo: n, outRequestNo: `${n}R1`, amountFen: fen(300) })).toEqual({ kind: 'refunded', refundedTotalFen: 300, fundChange: true });
      expect(await gateway.refund({ outTradeNo: n, outRequestNo: `${n}R1`, amountFen: fen(300) })).toEqual({ kind: 'refunded', refundedTotalFen: 300, fundChange: false });
      expect(await gateway.refund({ outTradeNo: n, outRequestNo: `${n}R2`, amountFen: fen(701) })).toMatchObject({ kind: 'declined' });
      expect(await gateway.refundQuery(n, `${n}R1`)).toEqual({ kind: 'refunded', amountFen: 300 });
    }));
  });
}
