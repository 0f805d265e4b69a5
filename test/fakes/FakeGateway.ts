// An in-memory Gateway that follows the training gateway's code table for the rows the contract
// suite uses (00 pays, 01 waits then pays, 02 never pays, 03 declines), on an injected clock,
// and records how many calls were in flight at once.
import type { Clock } from '../../app/Clock.ts';
import type { Provider } from '../../app/common/codes.ts';
import { NO_PROVIDER_LIMITS, type CancelOutcome, type Gateway, type PayOutcome, type PayRequest, type ProviderRules, type QueryOutcome, type RefundOutcome, type RefundQueryOutcome, type RefundRequest, type TradeStatus } from '../../app/gateway/Gateway.ts';

type Trade = { outTradeNo: string; totalFen: number; createdAt: number; paysAt: number | null; status: TradeStatus; refunds: Map<string, number> };

export class FakeGateway implements Gateway {
  readonly provider: Provider;
  readonly training = true;
  readonly rules: ProviderRules;
  readonly calls: Array<{ method: string; at: number }> = [];
  maxInFlight = 0;
  #inFlight = 0;
  readonly #trades = new Map<string, Trade>();
  readonly #clock: Clock;
  readonly #paysAfterMs: number;
  readonly #latencyMs: number;

  constructor(clock: Clock, o: { paysAfterMs?: number; latencyMs?: number; provider?: Provider; rules?: Partial<ProviderRules> } = {}) {
    this.provider = o.provider ?? 'alipay';
    this.rules = { ...NO_PROVIDER_LIMITS, ...o.rules };
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
    if (t.status === 'waiting' && t.paysAt !== null && this.#clock.now() >= t.paysAt) t.status = 'paid';
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
        this.#trades.set(req.outTradeNo, { outTradeNo: req.outTradeNo, totalFen: req.amountFen, createdAt: now, paysAt: null, status: 'failed', refunds: new Map() });
        return { kind: 'declined', code: '40004', subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH', message: '买家余额不足' };
      }
      const paysAt = kind === '01' ? now + this.#paysAfterMs : kind === '02' ? null : now;
      const t: Trade = { outTradeNo: req.outTradeNo, totalFen: req.amountFen, createdAt: now, paysAt, status: 'waiting', refunds: new Map() };
      this.#trades.set(req.outTradeNo, t);
      return this.#status(t) === 'paid' ? { kind: 'paid', ...this.#paid(t) } : { kind: 'waiting', tradeNo: `F${t.outTradeNo}` };
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
        this.#trades.set(outTradeNo, { outTradeNo, totalFen: 0, createdAt: this.#clock.now(), paysAt: null, status: 'closed', refunds: new Map() });
        return { kind: 'cancelled', action: 'close' };
      }
      const was = this.#status(t);
      t.status = 'closed';
      if (was === 'closed') return { kind: 'cancelled', action: 'none' };
      return { kind: 'cancelled', action: was === 'paid' ? 'refund' : 'close' };
    });
  }

  refund(req: RefundRequest): Promise<RefundOutcome> {
    return this.#call('refund', () => {
      const t = this.#trades.get(req.outTradeNo);
      if (!t) return { kind: 'declined', code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST', message: 'no trade' };
      const total = () => [...t.refunds.values()].reduce((a, b) => a + b, 0);
      const seen = t.refunds.get(req.outRequestNo);
      if (seen !== undefined) return seen === req.amountFen ? { kind: 'refunded' } : { kind: 'declined', code: '40004', subCode: 'ACQ.PARAM_ILLEGAL', message: 'amount differs' };
      if (this.#status(t) !== 'paid' && t.status !== 'refunded') return { kind: 'declined', code: '40004', subCode: 'ACQ.TRADE_STATUS_ERROR', message: 'not paid' };
      if (total() + req.amountFen > t.totalFen) return { kind: 'declined', code: '40004', subCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', message: 'too much' };
      t.refunds.set(req.outRequestNo, req.amountFen);
      t.status = total() === t.totalFen ? 'closed' : 'refunded';
      return { kind: 'refunded' };
    });
  }

  refundQuery(outTradeNo: string, outRequestNo: string): Promise<RefundQueryOutcome> {
    return this.#call('refundQuery', () => {
      const amount = this.#trades.get(outTradeNo)?.refunds.get(outRequestNo);
      return amount === undefined ? { kind: 'not-found' } : { kind: 'refunded', amountFen: amount };
    });
  }
}
