// An in-memory Gateway that follows the training gateway's code table for the rows the contract
// suite uses (00 pays, 01 waits then pays, 02 never pays, 03 declines), on an injected clock,
// and records how many calls were in flight at once.
import type { Clock } from '../../app/Clock.ts';
import type { CancelOutcome, Gateway, PayOutcome, PayRequest, QueryOutcome, RefundOutcome, RefundQueryOutcome, RefundRequest, TradeStatus } from '../../app/gateway/Gateway.ts';

type Trade = { outTradeNo: string; totalFen: number; createdAt: number; paysAt: number | null; status: TradeStatus; refunds: Map<string, number> };

export class FakeGateway implements Gateway {
  readonly provider = 'alipay' as const;
  readonly training = true;
  readonly calls: Array<{ method: string; at: number }> = [];
  maxInFlight = 0;
  #inFlight = 0;
  readonly #trades = new Map<string, Trade>();
  readonly #clock: Clock;
  readonly #paysAfterMs: number;
  readonly #latencyMs: number;

  constructor(clock: Clock, o: { paysAfterMs?: number; latencyMs?: number } = {}) {
    this.#clock = clock;
    this.#paysAfterMs = o.paysAfterMs ?? 3000;
    this.#latencyMs = o.latencyMs ?? 0;
  }

  async #call<T>(method: string, fn: () => T): Promise<T> {
    this.calls.push({ method, at: this.#clock.now() });
    this.#inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    try {
      await this.#clock.sleep(this.#latencyMs);
      return fn();
    } finally {
      this.#inFlight--;
    }
  }

  #status(t: Trade): TradeStatus {
    if (t.status === 'WAIT_BUYER_PAY' && t.paysAt !== null && this.#clock.now() >= t.paysAt) t.status = 'TRADE_SUCCESS';
    return t.status;
  }

  #paid(t: Trade) {
    return { tradeNo: `F${t.outTradeNo}`, outTradeNo: t.outTradeNo, totalFen: t.totalFen, buyerLogonId: '159****0000' };
  }

  pay(req: PayRequest): Promise<PayOutcome> {
    return this.#call('pay', () => {
      const kind = req.authCode.slice(-2);
      const now = this.#clock.now();
      if (kind === '03') {
        this.#trades.set(req.outTradeNo, { outTradeNo: req.outTradeNo, totalFen: req.amountFen, createdAt: now, paysAt: null, status: 'TRADE_CLOSED', refunds: new Map() });
        return { kind: 'declined', code: '40004', subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH', message: '买家余额不足' };
      }
      const paysAt = kind === '01' ? now + this.#paysAfterMs : kind === '02' ? null : now;
      const t: Trade = { outTradeNo: req.outTradeNo, totalFen: req.amountFen, createdAt: now, paysAt, status: 'WAIT_BUYER_PAY', refunds: new Map() };
      this.#trades.set(req.outTradeNo, t);
      return this.#status(t) === 'TRADE_SUCCESS' ? { kind: 'paid', ...this.#paid(t) } : { kind: 'waiting', tradeNo: `F${t.outTradeNo}` };
    });
  }

  query(outTradeNo: string): Promise<QueryOutcome> {
    return this.#call('query', () => {
      const t = this.#trades.get(outTradeNo);
      return t ? { kind: 'status', status: this.#status(t), ...this.#paid(t) } : { kind: 'not-found' };
    });
  }

  cancel(outTradeNo: string): Promise<CancelOutcome> {
    return this.#call('cancel', () => {
      const t = this.#trades.get(outTradeNo);
      if (!t) {
        this.#trades.set(outTradeNo, { outTradeNo, totalFen: 0, createdAt: this.#clock.now(), paysAt: null, status: 'TRADE_CLOSED', refunds: new Map() });
        return { kind: 'cancelled', action: 'close' };
      }
      const was = this.#status(t);
      t.status = 'TRADE_CLOSED';
      return { kind: 'cancelled', action: was === 'TRADE_SUCCESS' ? 'refund' : 'close' };
    });
  }

  refund(req: RefundRequest): Promise<RefundOutcome> {
    return this.#call('refund', () => {
      const t = this.#trades.get(req.outTradeNo);
      if (!t) return { kind: 'declined', code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST', message: 'no trade' };
      const total = () => [...t.refunds.values()].reduce((a, b) => a + b, 0);
      const seen = t.refunds.get(req.outRequestNo);
      if (seen !== undefined) return seen === req.amountFen ? { kind: 'refunded', refundedTotalFen: total(), fundChange: false } : { kind: 'declined', code: '40004', subCode: 'ACQ.PARAM_ILLEGAL', message: 'amount differs' };
      if (this.#status(t) !== 'TRADE_SUCCESS') return { kind: 'declined', code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR', message: 'not paid' };
      if (total() + req.amountFen > t.totalFen) return { kind: 'declined', code: '40004', subCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', message: 'too much' };
      t.refunds.set(req.outRequestNo, req.amountFen);
      if (total() === t.totalFen) t.status = 'TRADE_CLOSED';
      return { kind: 'refunded', refundedTotalFen: total(), fundChange: true };
    });
  }

  refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryOutcome> {
    return this.#call('refundQuery', () => {
      const amount = this.#trades.get(outTradeNo)?.refunds.get(outRequestNo);
      return amount === undefined ? { kind: 'not-found' } : { kind: 'refunded', amountFen: amount };
    });
  }
}
