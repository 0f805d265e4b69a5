// Refunds (barcode-pay.md "Refunds"): the out_request_no is written to the journal before the
// call and reused on every retry, so a refund whose answer was lost is re-sent as the same refund
// (Alipay answers fund_change N: no new money moved), never as a second one.
import { CODE_RULES, providerLabel, type Provider } from '../common/codes.ts';
import { PosError, type ErrorData } from '../common/errors.ts';
import type { RefundView } from '../common/ipc/views.ts';
import { checkFen, fenToYuan, parseYuan } from '../common/money.ts';
import type { Clock } from '../Clock.ts';
import type { Gateway } from '../gateway/Gateway.ts';
import type { JournalStore, RefundRecord, RefundState } from '../journal/JournalStore.ts';
import { outRequestNo } from './ids.ts';
import { storableError, storedErrorOf } from './PaymentResult.ts';

export type RefundResult = RefundView;

export type RefundDeskOptions = { journal: JournalStore; gateways: readonly Gateway[]; clock: Clock; attempts?: number; retryDelayMs?: number };

const named = (p: Provider) => ({ en: providerLabel(p), zh: CODE_RULES.find((r) => r.provider === p)?.labelZh ?? p });

/**
 * A refund of the same amount as the trade's latest refund, settled within this long, is most
 * likely the cashier re-running it because they were unsure (issue 8 item 5): it is sent only
 * when confirmed (`again`).
 */
export const REPEAT_REFUND_WINDOW_MS = 15 * 60_000;

export class RefundDesk {
  readonly #o: Required<RefundDeskOptions>;

  constructor(o: RefundDeskOptions) {
    this.#o = { attempts: 3, retryDelayMs: 2000, ...o };
  }

  /** `cashier`: who makes the refund (issue 12), journaled with it and sent as Alipay operator_id on every resend. */
  async refund(outTradeNo: string, amount: string | number, o: { again?: boolean; reason?: string | undefined; cashier?: string | undefined } = {}): Promise<RefundResult> {
    const amountFen = typeof amount === 'number' ? checkFen(amount) : parseYuan(amount);
    const { journal, clock } = this.#o;
    const attempt = journal.getAttempt(outTradeNo);
    if (!attempt) throw new PosError('NOT_FOUND', `no payment ${outTradeNo} in this till's journal`);
    const existing = journal.refundsFor(outTradeNo);
    const open = existing.find((r) => r.state === 'PENDING' || r.state === 'UNKNOWN');
    if (open) {
      // The same refund asked again after its answer was lost: resend it under its own number.
      if (open.amountFen === amountFen) return this.#settle(open);
      throw new PosError('ATTEMPT_UNRESOLVED', `refund ${open.outRequestNo} of ${fenToYuan(open.amountFen)} is not confirmed yet; settle it first (pos recover)`);
    }
    const latest = existing.at(-1);
    if (!o.again && latest && latest.state === 'SUCCESS' && latest.amountFen === amountFen && clock.now() - latest.updatedAt < REPEAT_REFUND_WINDOW_MS) {
      const y = fenToYuan(amountFen);
      throw new PosError('REFUND_REPEATED', `¥${y} of payment ${outTradeNo} was refunded ${Math.max(1, Math.round((clock.now() - latest.updatedAt) / 60_000))} min ago (${latest.outRequestNo}); nothing was sent — to refund another ¥${y}, confirm (pos refund … --again)`, {
        detailZh: `支付 ${outTradeNo} 刚刚已退款 ¥${y}（${latest.outRequestNo}），本次未发送——如确需再退 ¥${y}，请确认（pos refund … --again）`,
        details: { outTradeNo, outRequestNo: latest.outRequestNo, amountFen, refundedAt: latest.updatedAt },
      });
    }
    this.#refuseTooSoon(outTradeNo, existing, amountFen);
    const reason = o.reason?.replace(/[\p{Cc}]/gu, ' ').trim().slice(0, 80) || undefined;
    const r = journal.createRefund({ outRequestNo: (n) => outRequestNo(outTradeNo, n), outTradeNo, amountFen, createdAt: clock.now(), reason, ...(o.cashier ? { cashier: o.cashier } : {}) });
    return this.#settle(r);
  }

  /**
   * WeChat: a second refund of one order less than rules.minRefundGapMs after the previous one is
   * refused before anything is journaled or sent, saying when it may go (issue 15). Waiting
   * silently inside the call left the cashier looking at "sending" for up to a minute.
   */
  #refuseTooSoon(outTradeNo: string, existing: readonly RefundRecord[], amountFen: number): void {
    const gapMs = this.#gw(outTradeNo).rules.minRefundGapMs;
    const latest = existing.at(-1);
    const attempt = this.#o.journal.getAttempt(outTradeNo)!;
    // A refund the journal refuses anyway (not paid, more than is left) gets that answer, not "wait".
    const leftFen = attempt.amountFen - existing.filter((x) => x.state !== 'FAILED').reduce((a, x) => a + x.amountFen, 0);
    if (!latest || gapMs <= 0 || attempt.state !== 'SUCCESS' || amountFen > leftFen) return;
    const notBefore = Math.max(latest.createdAt, latest.updatedAt) + gapMs;
    const waitMs = notBefore - this.#o.clock.now();
    if (waitMs <= 0) return;
    const at = new Date(notBefore).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    const waitSeconds = Math.ceil(waitMs / 1000);
    const n = named(attempt.provider);
    throw new PosError('REFUND_TOO_SOON', `${n.en} takes a second refund of one order only a minute after the first: this refund of ¥${fenToYuan(amountFen)} may be sent at ${at} (in ${waitSeconds} s); nothing was sent`, {
      detailZh: `${n.zh}同一笔订单两次退款须间隔一分钟：本次退款 ¥${fenToYuan(amountFen)} 可在 ${at}（${waitSeconds} 秒后）发送，本次未发送`,
      details: { outTradeNo, notBefore, waitSeconds },
    });
  }

  async recover(): Promise<RefundResult[]> {
    const out: RefundResult[] = [];
    for (const r of this.#o.journal.unresolvedRefunds()) out.push(await this.#settle(r));
    return out;
  }

  #gw(outTradeNo: string): Gateway {
    const p = this.#o.journal.getAttempt(outTradeNo)?.provider ?? 'alipay';
    const g = this.#o.gateways.find((x) => x.provider === p);
    if (!g) throw new PosError('PROVIDER_NOT_CONFIGURED', `${providerLabel(p)} is not configured on this till, so its refunds cannot be sent from here`, { details: { provider: p } });
    return g;
  }

  async #settle(r: RefundRecord): Promise<RefundResult> {
    const { clock, journal } = this.#o;
    const gateway = this.#gw(r.outTradeNo);
    const attempt = journal.getAttempt(r.outTradeNo)!;
    const n = named(attempt.provider);
    // The cashier's reason, as journaled with the refund: identical on every resend.
    const reason = journal.events(r.outTradeNo).find((e) => e.type === 'refund-created' && e.outRequestNo === r.outRequestNo)?.data.reason as string | undefined;
    // WeChat: two refunds of one order at least a minute apart; the later one waits its turn.
    const previous = journal.refundsFor(r.outTradeNo).filter((x) => x.outRequestNo !== r.outRequestNo && x.createdAt <= r.createdAt).at(-1);
    if (previous && gateway.rules.minRefundGapMs > 0) {
      const notBefore = Math.max(previous.createdAt, previous.updatedAt) + gateway.rules.minRefundGapMs;
      if (clock.now() < notBefore) await clock.sleep(notBefore - clock.now());
    }
    let last = '';
    for (let i = 0; i < this.#o.attempts; i++) {
      if (i > 0) await clock.sleep(this.#o.retryDelayMs);
      // A refund that may already have happened is confirmed before it is sent again.
      if (i > 0 || r.state === 'UNKNOWN') {
        const known = await this.#confirm(r);
        if (known) return known;
      }
      const o = await gateway.refund({ outTradeNo: r.outTradeNo, outRequestNo: r.outRequestNo, amountFen: checkFen(r.amountFen), totalFen: checkFen(attempt.amountFen), ...(reason ? { reason } : {}), ...(r.cashier ? { operatorId: r.cashier } : {}) });
      if (o.kind === 'refunded' || o.kind === 'processing') {
        const confirmed = await this.#confirm(r);
        if (confirmed) return confirmed;
        last = 'the refund answer was not confirmed by the refund query';
        continue;
      }
      if (o.kind === 'declined' || o.kind === 'config-error') {
        const subCode = o.kind === 'declined' ? o.subCode : o.subCode ?? o.code;
        const e: ErrorData = { code: 'REFUND_DECLINED', message: `${n.en} refused the refund: ${o.message}`, messageZh: `${n.zh}拒绝退款：${o.message}`, details: { subCode } };
        return this.#finish(r, 'FAILED', e);
      }
      last = o.reason;
    }
    const e: ErrorData = { code: 'GATEWAY_UNKNOWN_OUTCOME', message: `the refund could not be confirmed (${last}); it will be retried under the same number ${r.outRequestNo}`, messageZh: `退款结果未能确认（${last}），将以同一退款单号 ${r.outRequestNo} 重试` };
    return this.#finish(r, 'UNKNOWN', e);
  }

  async #confirm(r: RefundRecord): Promise<RefundResult | undefined> {
    const q = await this.#gw(r.outTradeNo).refundQuery(r.outTradeNo, r.outRequestNo);
    if (q.kind === 'failed') {
      // WeChat ABNORMAL/CLOSED: the money did not reach the customer. Left open (not FAILED) so a
      // second refund is not sent beside it; the cashier sees what to do.
      const e: ErrorData = { code: 'GATEWAY_UNKNOWN_OUTCOME', message: `refund ${r.outRequestNo} is ${q.status}: ${q.message}`, messageZh: `退款 ${r.outRequestNo} 状态 ${q.status}：退款未到账，请在商户平台处理`, details: { refundStatus: q.status } };
      return this.#finish(r, 'UNKNOWN', e);
    }
    if (q.kind !== 'refunded') return undefined;
    if (q.amountFen !== r.amountFen) {
      const e: ErrorData = { code: 'GATEWAY_MISMATCH', message: `the refund query reports ${fenToYuan(q.amountFen)}, the journal ${fenToYuan(r.amountFen)}`, messageZh: `退款查询金额 ${fenToYuan(q.amountFen)} 与记录 ${fenToYuan(r.amountFen)} 不符` };
      return this.#finish(r, 'UNKNOWN', e);
    }
    return this.#finish(r, 'SUCCESS');
  }

  #finish(r: RefundRecord, state: RefundState, error?: ErrorData): RefundResult {
    const { journal, clock } = this.#o;
    const saved = journal.updateRefund(r.outRequestNo, state, error ? storableError(error) : { errorCode: null, errorMessage: null }, clock.now());
    return this.result(saved);
  }

  result(r: RefundRecord): RefundResult {
    const attempt = this.#o.journal.getAttempt(r.outTradeNo)!;
    const refunded = this.#o.journal.refundsFor(r.outTradeNo).filter((x) => x.state === 'SUCCESS').reduce((s, x) => s + x.amountFen, 0);
    const status = r.state === 'PENDING' ? 'UNKNOWN' : r.state;
    return {
      status,
      outTradeNo: r.outTradeNo,
      outRequestNo: r.outRequestNo,
      amount: fenToYuan(r.amountFen),
      amountFen: r.amountFen,
      refundedTotal: fenToYuan(refunded),
      left: fenToYuan(attempt.amountFen - refunded),
      leftFen: attempt.amountFen - refunded,
      training: attempt.training,
      ...(r.cashier ? { cashier: r.cashier } : {}),
      ...(r.errorCode ? { error: storedErrorOf(r.errorCode, r.errorMessage) } : {}),
    };
  }
}
