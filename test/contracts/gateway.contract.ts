// The Gateway port's contract: every implementation (the Alipay adapter over its training gateway,
// the WeChat adapter over its training gateway, and the in-memory fake) must pass it, so tests on
// the fake mean something. The outcomes are the port's provider-neutral words.
import { describe, expect, it } from 'vitest';
import type { Gateway } from '../../app/gateway/Gateway.ts';
import type { Fen } from '../../app/common/money.ts';

export type GatewayUnderTest = {
  gateway: Gateway;
  advanceMs(ms: number): Promise<void>;
  close(): Promise<void>;
  /** A code of this provider whose last two digits pick the training buyer (code-table rows). */
  code(suffix: string): string;
};

const fen = (n: number) => n as Fen;
let serial = 0;
const no = () => `C${Date.now()}${serial++}`;

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
    const pay = (g: GatewayUnderTest, n: string, suffix: string, amountFen = 500) =>
      g.gateway.pay({ outTradeNo: n, authCode: g.code(suffix), amountFen: fen(amountFen), subject: 's', payTimeoutMinutes: 5 });

    it('pays at once and the query agrees', () => withGateway(async (g) => {
      const n = no();
      expect(await pay(g, n, '00', 1234)).toMatchObject({ kind: 'paid', outTradeNo: n, totalFen: 1234 });
      expect(await g.gateway.query(n)).toMatchObject({ kind: 'status', status: 'paid', outTradeNo: n, totalFen: 1234 });
    }));

    it('waits, then pays once the buyer confirms', () => withGateway(async (g) => {
      const n = no();
      expect((await pay(g, n, '01')).kind).toBe('waiting');
      expect(await g.gateway.query(n)).toMatchObject({ kind: 'status', status: 'waiting' });
      await g.advanceMs(10_000);
      expect(await g.gateway.query(n)).toMatchObject({ kind: 'status', status: 'paid', totalFen: 500 });
    }));

    it('cancels a waiting trade (close) and a paid one (refund), once its rules allow', () => withGateway(async (g) => {
      const waiting = no();
      await pay(g, waiting, '02');
      const paid = no();
      await pay(g, paid, '00');
      await g.advanceMs(g.gateway.rules.minCancelDelayMs);
      expect(await g.gateway.cancel(waiting)).toEqual({ kind: 'cancelled', action: 'close' });
      expect(await g.gateway.query(waiting)).toMatchObject({ kind: 'status', status: 'closed' });
      expect(await g.gateway.cancel(paid)).toEqual({ kind: 'cancelled', action: 'refund' });
      expect(await g.gateway.query(paid)).toMatchObject({ kind: 'status', status: 'closed' });
    }));

    it('declines balance-too-low with a code, and knows no unknown trade', () => withGateway(async (g) => {
      expect(await pay(g, no(), '03')).toMatchObject({ kind: 'declined', subCode: expect.stringMatching(/BALANCE_NOT_ENOUGH|NOTENOUGH/) });
      expect(await g.gateway.query(no())).toEqual({ kind: 'not-found' });
    }));

    it('refunds in parts, replays as the same refund (no new money), refuses too much, and the refund query agrees', () => withGateway(async (g) => {
      const n = no();
      const r = (k: string, amount: number) => ({ outTradeNo: n, outRequestNo: `${n}R${k}`, amountFen: fen(amount), totalFen: fen(1000) });
      await pay(g, n, '00', 1000);
      expect(await g.gateway.refundQuery(n, `${n}R1`)).toEqual({ kind: 'not-found' });
      expect((await g.gateway.refund(r('1', 300))).kind).toMatch(/^(refunded|processing)$/);
      expect(await g.gateway.refund(r('1', 300))).toMatchObject({ kind: expect.stringMatching(/^(refunded|processing)$/) });
      expect(await g.gateway.refundQuery(n, `${n}R1`)).toEqual({ kind: 'refunded', amountFen: 300 });
      await g.advanceMs(g.gateway.rules.minRefundGapMs);
      expect(await g.gateway.refund(r('2', 701))).toMatchObject({ kind: 'declined' });
      // The replay moved no money: exactly the rest (700) can still be refunded, and no more.
      expect((await g.gateway.refund(r('2', 700))).kind).toMatch(/^(refunded|processing)$/);
      expect(await g.gateway.refundQuery(n, `${n}R2`)).toEqual({ kind: 'refunded', amountFen: 700 });
    }));
  });
}
