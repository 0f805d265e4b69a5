// Checkout: one barcode payment from scanned code to a certain outcome (barcode-pay.md "The flow").
// Journal first, then trade.pay; 10003 → poll; anything unclear → query, then poll; wait limit or
// the cashier's cancel → trade.cancel with retries. Only a verified answer that matches the order
// says SUCCESS; an outcome that cannot be confirmed stays UNKNOWN and is reconciled, never FAILED.
//
// Several processes may share one journal (the app, `pos query`, a cron'd `pos recover`; issue 8):
// - only the holder of an attempt's lease (lease.ts) changes it; others report, or skip it;
// - every change is compare-and-set on the state it was decided from; when the journal moved
//   meanwhile the newer state stands and is followed, never overwritten or re-applied onto;
// - once a cancel is decided (CANCELLING) only the cancel's own answer, or a query after the cancel
//   was refused, settles it: a "paid" that races a cancel is not SUCCESS, since the cancel refunds it.
import { CODE_RULES, classifyCode, providerLabel, type Provider } from '../common/codes.ts';
import { PosError, type ErrorCode, type ErrorData } from '../common/errors.ts';
import { checkFen, parseYuan, type Fen } from '../common/money.ts';
import { checkCashierId, splitAmount } from '../common/payment/amountParts.ts';
import { adviceFor } from '../common/payment/declines.ts';
import { canTransition, isFinal, type PaymentEvent } from '../common/payment/machine.ts';
import { systemClock, type Clock } from '../Clock.ts';
import type { Gateway, PaidTrade, TradeSeen } from '../gateway/Gateway.ts';
import { isQrGateway } from '../gateway/qr.ts';
import type { AttemptPatch, AttemptRecord, JournalStore } from '../journal/JournalStore.ts';
import { randomIds, type IdSource } from './ids.ts';
import { DEFAULT_LEASE_MS, holdLease, mayTake, newOwnerId, ownerPid, takeLease } from './lease.ts';
import { resultOf, storableError, type PaymentResult } from './PaymentResult.ts';
import { askerOf, type CancelAsker } from './cancelAsker.ts';
import { QrCheckout } from './QrCheckout.ts';
import { noteDelivered, stopIfUnseenPaid, type UnseenPaidMode } from './unseenPaid.ts';
import { RefundDesk, type RefundResult } from './RefundDesk.ts';

export type CheckoutOptions = {
  journal: JournalStore;
  /** One gateway per provider this till takes (the scanned code picks one); `gateway` alone is one provider. */
  gateways?: readonly Gateway[];
  gateway?: Gateway;
  clock?: Clock;
  ids?: IdSource;
  /** How long the buyer may take to confirm before the till cancels. Default 60 s (Alipay's demo: ~30 s). */
  waitSeconds?: number;
  /** Between the starts of two trade.query calls while waiting: notices a confirmation within a second at ~1 query/s. */
  pollIntervalMs?: number;
  /** trade.cancel tries before the attempt is left UNKNOWN for the reconciler (Alipay's demo: 3 × every 2 s). */
  cancelAttempts?: number;
  cancelRetryDelayMs?: number;
  /** `timeout_express` sent with trade.pay, in minutes. */
  payTimeoutMinutes?: number;
  /** How long this process's claim on an attempt lasts unrenewed (renewed every third of it while it works). */
  leaseMs?: number;
  /** This process's lease owner id (default host:pid:random). */
  ownerId?: string;
  defaultSubject?: string;
  /** How long a QR code shown for a sale may be paid (issue 11), in seconds. */
  qrTimeoutSeconds?: number;
  onChange?: (r: PaymentResult) => void;
};

export type PayInput = {
  amount: string | number;
  code: string;
  subject?: string | undefined;
  /**
   * A payment found PAID that nobody showed the cashier (settled by recovery or another process
   * after a crash, issue 8 item 4) stops the next sale: 'refuse' every time until told 'go-on'
   * (`pos pay --after-recovered`); 'refuse-once' (the screen, the default): the refusal is the
   * question, and the next scan is the answer.
   */
  recovered?: UnseenPaidMode | undefined;
  /** Issue 12: the part not eligible for promotions (yuan string or fen; absent/0: none), checked against the total. */
  undiscountable?: string | number | undefined;
  /** The signed-in cashier's id: journaled, sent as Alipay operator_id (instead of alipay.operatorId). */
  cashier?: string | undefined;
};

/** Why a cancel was decided; kept in the journal so a result read back later says the true reason. */
export type CancelReason = 'cashier' | 'stopped' | 'wait-limit' | 'not-found' | 'unverified' | 'recovery';

export type RecoveryResult = {
  payments: PaymentResult[];
  refunds: RefundResult[];
  /** Attempts another live process is settling: left to it (issue 8 item 3). */
  held: PaymentResult[];
};

export const DEFAULTS = { waitSeconds: 60, pollIntervalMs: 900, cancelAttempts: 4, cancelRetryDelayMs: 2000, payTimeoutMinutes: 5, leaseMs: DEFAULT_LEASE_MS } as const;

function errorData(code: ErrorCode, message: string, messageZh: string, details?: Record<string, unknown>): ErrorData {
  return { code, message, messageZh, ...(details ? { details } : {}) };
}

function paidPatch(t: PaidTrade | TradeSeen): AttemptPatch {
  return {
    tradeNo: t.tradeNo ?? null, buyerLogonId: t.buyerLogonId ?? null, buyerUserId: t.buyerUserId ?? null, paidAt: t.paidAt ?? null, errorCode: null, errorMessage: null,
    // Issue 12: what the customer paid and the shop receives, as the paid answer said it.
    ...(t.paidDetail ? { paidDetail: JSON.stringify(t.paidDetail) } : {}),
  };
}

type Query = Awaited<ReturnType<Gateway['query']>>;

type Seen = Extract<Query, { kind: 'status' }>;

/** The paid trade a query saw, if it says paid. */
const paidSeen = (q: Query): Seen | undefined => (q.kind === 'status' && (q.status === 'paid' || q.status === 'refunded') ? q : undefined);

/** The provider's name in both languages, for the cashier's messages. */
function named(p: Provider): { en: string; zh: string } {
  const r = CODE_RULES.find((x) => x.provider === p);
  return { en: r?.label ?? p, zh: r?.labelZh ?? p };
}

/** An answer that claims something but cannot be trusted: the till must not wait on it (issue 9 item 3). */
const UNTRUSTED: ReadonlySet<string> = new Set(['SIGNATURE_INVALID', 'GATEWAY_MISMATCH']);

function unknownError(o: Extract<Awaited<ReturnType<Gateway['pay']>>, { kind: 'unknown' }>, p: Provider): ErrorData {
  const n = named(p);
  if (o.errorCode === 'SIGNATURE_INVALID') {
    return errorData('SIGNATURE_INVALID', `${n.en}'s answer failed verification (${o.reason}); not treated as paid — asking ${n.en} at once`, `${n.zh}应答未通过验签，不视为已支付——正在向${n.zh}核实`);
  }
  if (o.errorCode === 'GATEWAY_MISMATCH') return errorData('GATEWAY_MISMATCH', `${n.en}'s answer does not match the order (${o.reason}); not treated as paid`, `${n.zh}应答与订单不符，不视为已支付`);
  return errorData(o.errorCode, `${o.reason}; the outcome is unknown — asking ${n.en}`, `支付结果未知（${o.reason}），正在向${n.zh}查询`);
}

export class Checkout {
  readonly #journal: JournalStore;
  readonly #gateways: ReadonlyMap<Provider, Gateway>;
  readonly #clock: Clock;
  readonly #ids: IdSource;
  readonly #o: Required<Omit<CheckoutOptions, 'journal' | 'gateway' | 'gateways' | 'clock' | 'ids' | 'onChange' | 'qrTimeoutSeconds'>> & Pick<CheckoutOptions, 'onChange'>;
  readonly refunds: RefundDesk;
  /** Sales the customer pays by scanning the till's QR code: same journal, leases and refunds. */
  readonly qr: QrCheckout;
  #active: { outTradeNo: string | undefined; cancel: AbortController; payInFlight: boolean } | undefined;
  #recovering: Promise<RecoveryResult> | undefined;

  constructor(o: CheckoutOptions) {
    this.#journal = o.journal;
    const gateways = [...(o.gateways ?? []), ...(o.gateway ? [o.gateway] : [])];
    if (gateways.length === 0) throw new PosError('INVALID_CONFIG', 'Checkout needs at least one gateway');
    if (new Set(gateways.map((g) => g.training)).size > 1) throw new PosError('INVALID_CONFIG', 'training and live gateways never mix on one till');
    this.#gateways = new Map(gateways.map((g) => [g.provider, g]));
    this.#clock = o.clock ?? systemClock;
    this.#ids = o.ids ?? randomIds;
    this.#o = {
      waitSeconds: o.waitSeconds ?? DEFAULTS.waitSeconds,
      pollIntervalMs: o.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
      cancelAttempts: o.cancelAttempts ?? DEFAULTS.cancelAttempts,
      cancelRetryDelayMs: o.cancelRetryDelayMs ?? DEFAULTS.cancelRetryDelayMs,
      payTimeoutMinutes: o.payTimeoutMinutes ?? DEFAULTS.payTimeoutMinutes,
      leaseMs: o.leaseMs ?? DEFAULTS.leaseMs,
      ownerId: o.ownerId ?? newOwnerId(),
      defaultSubject: o.defaultSubject ?? '门店消费',
      onChange: o.onChange,
    };
    this.refunds = new RefundDesk({ journal: o.journal, gateways: [...this.#gateways.values()], clock: this.#clock });
    this.qr = new QrCheckout({
      journal: o.journal, gateways: [...this.#gateways.values()], qrGateways: [...this.#gateways.values()].filter(isQrGateway), refunds: this.refunds,
      clock: this.#clock, ids: this.#ids, pollIntervalMs: this.#o.pollIntervalMs, leaseMs: this.#o.leaseMs, ownerId: this.#o.ownerId,
      defaultSubject: this.#o.defaultSubject, onChange: this.#o.onChange, ...(o.qrTimeoutSeconds === undefined ? {} : { qrTimeoutSeconds: o.qrTimeoutSeconds }),
    });
  }

  get training(): boolean {
    return [...this.#gateways.values()][0]!.training;
  }

  /** The providers this till takes payments for. */
  get providers(): Provider[] {
    return [...this.#gateways.keys()];
  }

  /** The gateway of an attempt's provider; an attempt of a provider no longer configured cannot be settled here. */
  #gw(p: Provider): Gateway {
    const g = this.#gateways.get(p);
    if (!g) throw new PosError('PROVIDER_NOT_CONFIGURED', `${providerLabel(p)} is not configured on this till`, { detailZh: `本收银台未配置${named(p).zh}`, details: { provider: p } });
    return g;
  }

  /** The wait for the buyer: payment.waitSeconds, capped by the provider's own rule (WeChat: below its ~45 s auto-revoke). */
  #waitSeconds(p: Provider): number {
    const cap = this.#gateways.get(p)?.rules.maxWaitSeconds;
    return cap === undefined ? this.#o.waitSeconds : Math.min(this.#o.waitSeconds, cap);
  }

  /** This process's lease owner id. */
  get ownerId(): string {
    return this.#o.ownerId;
  }

  /** The attempt being paid right now in this process, if any. */
  get activeOutTradeNo(): string | undefined {
    return this.#active?.outTradeNo ?? this.qr.activeOutTradeNo;
  }

  /** Checks everything that can be checked before anything is written or sent. */
  validate(input: PayInput): { amountFen: Fen; code: string; subject: string; provider: Provider; undiscountableFen: number; cashier: string | undefined } {
    const amountFen = typeof input.amount === 'number' ? checkFen(input.amount) : parseYuan(String(input.amount));
    const { undiscountableFen } = splitAmount(amountFen, input.undiscountable);
    const cashier = input.cashier === undefined || input.cashier === '' ? undefined : checkCashierId(input.cashier);
    const c = classifyCode(String(input.code));
    if (!c.ok) throw new PosError('UNSUPPORTED_CODE', c.reason, { detailZh: c.reasonZh });
    if (!this.#gateways.has(c.provider)) {
      const label = providerLabel(c.provider);
      const takes = this.providers.map(named);
      throw new PosError('PROVIDER_NOT_CONFIGURED', `this is a ${label} code, and ${label} is not configured on this till; ask the customer for a ${takes.map((t) => t.en).join(' or ')} code`, {
        detailZh: `这是${c.rule.labelZh}付款码，本收银台未配置${c.rule.labelZh}，请顾客出示${takes.map((t) => t.zh).join('或')}付款码`,
        details: { provider: c.provider, configured: this.providers },
      });
    }
    const subject = (input.subject ?? this.#o.defaultSubject).replace(/[\p{Cc}]/gu, ' ').trim().slice(0, 128) || this.#o.defaultSubject;
    return { amountFen, code: c.code, subject, provider: c.provider, undiscountableFen, cashier };
  }

  async pay(input: PayInput): Promise<PaymentResult> {
    if (this.#active) throw new PosError('PAYMENT_IN_PROGRESS', `payment ${this.#active.outTradeNo ?? ''} is still in progress; this scan is not a second payment`.trim());
    const { amountFen, code, subject, provider, undiscountableFen, cashier } = this.validate(input);
    const gateway = this.#gw(provider);
    stopIfUnseenPaid(this.#journal, this.#clock.now(), gateway.training, input.recovered ?? 'refuse-once');
    const cancel = new AbortController();
    this.#active = { outTradeNo: undefined, cancel, payInFlight: true };
    let hold: (() => void) | undefined;
    try {
      const now = this.#clock.now();
      const a = this.#journal.createAttempt({
        outTradeNo: this.#ids.outTradeNo(gateway.training, now),
        provider,
        amountFen,
        subject,
        codeHash: this.#journal.hashCode(code),
        codeLast4: code.slice(-4),
        training: gateway.training,
        createdAt: now,
        ...(undiscountableFen ? { undiscountableFen } : {}),
        ...(cashier ? { cashier } : {}),
      }, { sending: true, lease: { owner: this.#o.ownerId, expiresAt: now + this.#o.leaseMs } });
      this.#active.outTradeNo = a.outTradeNo;
      hold = this.#hold(a.outTradeNo);
      this.#emit(a);
      const o = await gateway.pay({ outTradeNo: a.outTradeNo, authCode: code, amountFen, subject, payTimeoutMinutes: this.#o.payTimeoutMinutes, undiscountableFen, operatorId: cashier });
      this.#active.payInFlight = false;
      const done = await this.#afterPay(a, o, cancel.signal);
      if (done.state === 'SUCCESS') noteDelivered(this.#journal, done, this.#clock.now());
      // Taken over while this process was stopped (issue 8 item 2): say who is settling it now.
      return { ...resultOf(done), ...(!isFinal(done.state) && !this.#mine(done) ? { heldElsewhere: this.#heldView(done) } : {}) };
    } finally {
      hold?.();
      this.#active = undefined;
    }
  }

  /** What trade.pay's answer means for the attempt, as the journal has it now. */
  async #afterPay(sent: AttemptRecord, o: Awaited<ReturnType<Gateway['pay']>>, signal: AbortSignal): Promise<AttemptRecord> {
    let a = this.#fresh(sent);
    if (isFinal(a.state) || !this.#mine(a)) return a;
    if (a.state === 'CANCELLING') {
      // The cashier pressed cancel while the request was out (issue 9 item 2). A definite decline
      // means nothing was charged; anything else (paid included) is settled by the cancel, which
      // refunds a payment that went through.
      const declined = this.#declineOf(o, a.provider);
      if (declined) return this.#advance(a, { type: 'declined' }, storableError(declined), { payAnswer: o.kind });
      return this.#cancelAtGateway(a, { payAnswer: o.kind });
    }
    switch (o.kind) {
      case 'paid': {
        const mismatch = this.#mismatch(a, o);
        if (!mismatch) return this.#advance(a, { type: 'paid' }, paidPatch(o));
        a = this.#advance(a, { type: 'outcome-unknown' }, storableError(mismatch));
        return this.#settle(a, signal, { queryFirst: true, untrusted: true });
      }
      case 'waiting':
        a = this.#advance(a, { type: 'waiting' }, { tradeNo: o.tradeNo ?? null });
        return this.#settle(a, signal, { queryFirst: false, untrusted: false });
      case 'declined':
      case 'config-error':
        return this.#advance(a, { type: 'declined' }, storableError(this.#declineOf(o, a.provider)!));
      case 'unknown':
        a = this.#advance(a, { type: 'outcome-unknown' }, storableError(unknownError(o, a.provider)));
        return this.#settle(a, signal, { queryFirst: true, untrusted: UNTRUSTED.has(o.errorCode) });
    }
  }

  #declineOf(o: Awaited<ReturnType<Gateway['pay']>>, p: Provider): ErrorData | undefined {
    const n = named(p);
    if (o.kind === 'declined') {
      const advice = o.advice ?? adviceFor(o.subCode, o.message);
      return errorData('PAYMENT_DECLINED', `${advice.reason} — ${advice.next}`, `${advice.reasonZh}，${advice.nextZh}`, { subCode: o.subCode, gatewayMessage: o.message });
    }
    if (o.kind === 'config-error') {
      // The provider refused the request itself (Alipay 40001/40002/40006/20001, WeChat SIGN_ERROR/PARAM_ERROR…): nothing was charged.
      return errorData('GATEWAY_CONFIG_ERROR', `${n.en} refused the request (${o.message}); check the till's ${n.en} settings`, `${n.zh}拒绝了请求（${o.message}），请检查收银台的${n.zh}配置`, { code: o.code, subCode: o.subCode, provider: p });
    }
    return undefined;
  }

  /**
   * The cashier's cancel key. Honoured at once (issue 9 item 2): the cancel is journaled now, even
   * while trade.pay is still in flight, and goes to the gateway as soon as that call returns or
   * times out; a payment that went through meanwhile is refunded by it, and the result says so.
   */
  requestCancel(outTradeNo?: string, asker: CancelAsker = 'cashier'): boolean {
    if (this.qr.requestCancel(outTradeNo, asker)) return true;
    const active = this.#active;
    if (!active || (outTradeNo !== undefined && active.outTradeNo !== outTradeNo)) return false;
    active.cancel.abort(asker);
    const a = active.outTradeNo === undefined ? undefined : this.#journal.getAttempt(active.outTradeNo);
    if (a && this.#mine(a) && !isFinal(a.state) && a.state !== 'CANCELLING' && canTransition(a.state, { type: 'cancel' })) {
      this.#advance(a, { type: 'cancel' }, { cancelReason: asker }, { reason: asker, payInFlight: active.payInFlight });
    }
    return true;
  }

  /**
   * Asks the gateway about one payment and records what it says (never cancels; `recover` does).
   * An attempt another live process is settling is only reported on: that process decides.
   */
  async query(outTradeNo: string): Promise<PaymentResult & { gatewayStatus: string }> {
    let a = this.#journal.getAttempt(outTradeNo);
    if (!a) throw new PosError('NOT_FOUND', `no payment ${outTradeNo} in this till's journal`);
    const held = !isFinal(a.state) && (this.#active?.outTradeNo === outTradeNo || !this.#take(a));
    try {
      const q = await this.#gw(a.provider).query(outTradeNo);
      const gatewayStatus = q.kind === 'status' ? q.status : q.kind === 'not-found' ? 'TRADE_NOT_EXIST' : 'UNKNOWN';
      a = this.#fresh(a);
      if (!held && !isFinal(a.state) && this.#mine(a)) a = this.#applyQuery(a, q) ?? this.#fresh(a);
      return { ...resultOf(a), ...(held ? { heldElsewhere: this.#heldView(a) } : {}), gatewayStatus };
    } finally {
      if (!held) this.#journal.releaseLease(outTradeNo, this.#o.ownerId);
    }
  }

  /**
   * The recovery pass (start-up, `pos recover`, and the background reconciler): every attempt that
   * is not final and not held by another live process is queried, then polled to its wait limit or
   * cancelled (an attempt whose cancel was decided is cancelled again: the cancel is idempotent and
   * its answer says what happened); every unconfirmed refund is confirmed or re-sent with its own
   * out_request_no.
   */
  recover(): Promise<RecoveryResult> {
    // The background reconciler and the cashier's resolve key may ask at once: one pass serves both.
    this.#recovering ??= this.#recover().finally(() => (this.#recovering = undefined));
    return this.#recovering;
  }

  async #recover(): Promise<RecoveryResult> {
    const payments: PaymentResult[] = [];
    const held: PaymentResult[] = [];
    for (const open of this.#journal.unresolvedAttempts()) {
      if (this.#active?.outTradeNo === open.outTradeNo || this.qr.activeOutTradeNo === open.outTradeNo) continue;
      if (!this.#gateways.has(open.provider)) {
        // Its provider was taken out of the config: it cannot be asked about here, and must not be
        // dropped. It stays open (a new sale is refused) and says what to do.
        const n = named(open.provider);
        payments.push(resultOf(open, errorData('PROVIDER_NOT_CONFIGURED', `payment ${open.outTradeNo} is a ${n.en} payment and ${n.en} is no longer configured on this till; configure it again to settle it`, `支付 ${open.outTradeNo} 为${n.zh}支付，本收银台已不再配置${n.zh}，请重新配置后处理`, { provider: open.provider })));
        continue;
      }
      if (open.method === 'qr') {
        // Closed, not cancelled, and "no such trade" means "not scanned yet": QrCheckout's rules.
        const r = await this.qr.recoverOne(open);
        if (r) payments.push(r);
        else held.push({ ...resultOf(open), heldElsewhere: this.#heldView(open) });
        continue;
      }
      if (!this.#take(open)) {
        held.push({ ...resultOf(open), heldElsewhere: this.#heldView(open) });
        continue;
      }
      const release = this.#hold(open.outTradeNo);
      try {
        let a = this.#fresh(open);
        if (isFinal(a.state)) continue;
        if (this.#cancelDecided(a)) {
          if (a.state !== 'CANCELLING') a = this.#advance(a, { type: 'cancel' }, { cancelReason: a.cancelReason ?? 'recovery' }, { reason: 'recovery' });
          a = await this.#cancelAtGateway(a);
        } else {
          a = this.#advance(a, { type: 'recover' }, {}, { from: a.state });
          a = await this.#settle(a, new AbortController().signal, { queryFirst: true, untrusted: a.errorCode !== null && UNTRUSTED.has(a.errorCode) });
        }
        payments.push(resultOf(a));
      } finally {
        release();
      }
    }
    const refunds = await this.refunds.recover();
    return { payments, refunds, held };
  }

  /**
   * The recovery a new sale needs first (issue 8 item 4). Throws ATTEMPT_UNRESOLVED while anything
   * is still open (naming the process that holds it); returns what was settled, and `paid`: the
   * payments it found PAID — a sale whose customer may be about to be charged a second time, so
   * the caller asks before charging (`pos pay --after-recovered`, the screen's confirmation).
   */
  async recoverBeforeSale(): Promise<{ recovered: PaymentResult[]; paid: PaymentResult[] }> {
    if (this.#journal.unresolvedAttempts().length === 0) return { recovered: [], paid: [] };
    const r = await this.recover();
    const still = this.#journal.unresolvedAttempts()[0];
    if (still) {
      const holder = !mayTake(still, this.#o.ownerId, this.#clock.now()) ? ownerPid(still.leaseOwner) : undefined;
      const by = holder !== undefined || (still.leaseOwner !== null && still.leaseOwner !== this.#o.ownerId && !mayTake(still, this.#o.ownerId, this.#clock.now()));
      throw new PosError('ATTEMPT_UNRESOLVED', by
        ? `payment ${still.outTradeNo} is being settled by another process${holder ? ` (pid ${holder})` : ''}; wait for it to finish before a new payment`
        : `payment ${still.outTradeNo} is still ${still.state} after the recovery pass; it must be settled before a new payment (pos recover / pos query)`, {
        detailZh: by ? `支付 ${still.outTradeNo} 正由另一进程处理${holder ? `（pid ${holder}）` : ''}，请等待其完成后再收款` : `支付 ${still.outTradeNo} 经恢复后仍为 ${still.state}，新收款前须先处理（pos recover / pos query）`,
        details: { outTradeNo: still.outTradeNo, state: still.state, ...(by ? { heldElsewhere: this.#heldView(still) } : {}) },
      });
    }
    return { recovered: r.payments, paid: r.payments.filter((p) => p.status === 'SUCCESS') };
  }

  refund(outTradeNo: string, amount: string | number, o?: { again?: boolean; reason?: string | undefined; cashier?: string | undefined }): Promise<RefundResult> {
    return this.refunds.refund(outTradeNo, amount, o);
  }

  #emit(a: AttemptRecord): void {
    const inFlight = this.#active !== undefined && this.#active.outTradeNo === a.outTradeNo && this.#active.payInFlight;
    this.#o.onChange?.({ ...resultOf(a), payInFlight: inFlight });
  }

  #fresh(a: AttemptRecord): AttemptRecord {
    return this.#journal.getAttempt(a.outTradeNo) ?? a;
  }

  #mine(a: AttemptRecord): boolean {
    return a.leaseOwner === this.#o.ownerId;
  }

  #heldView(a: AttemptRecord): { pid: number | null; expiresAt: number | null } {
    return { pid: ownerPid(a.leaseOwner) ?? null, expiresAt: a.leaseExpiresAt };
  }

  #take(a: AttemptRecord): boolean {
    return takeLease({ journal: this.#journal, clock: this.#clock, ownerId: this.#o.ownerId, leaseMs: this.#o.leaseMs }, a);
  }

  #hold(outTradeNo: string): () => void {
    return holdLease({ journal: this.#journal, clock: this.#clock, ownerId: this.#o.ownerId, leaseMs: this.#o.leaseMs }, outTradeNo);
  }

  /** A cancel was decided at some point (state CANCELLING, or UNKNOWN after an unconfirmed cancel). */
  #cancelDecided(a: AttemptRecord): boolean {
    if (a.state === 'CANCELLING' || a.cancelReason !== null) return true;
    // Journals from before cancel_reason existed: the event log says whether a cancel was decided.
    return a.state === 'UNKNOWN' && this.#journal.events(a.outTradeNo).some((e) => e.type === 'cancel');
  }

  /**
   * Journals one state change, compare-and-set on the state `a` was read in. If the journal moved
   * meanwhile (the cashier's cancel, or another process), the newer state stands: it is returned
   * and followed, never overwritten, and the event is not re-applied onto it (issue 8 items 1–2).
   */
  #advance(a: AttemptRecord, event: PaymentEvent, patch: AttemptPatch = {}, data?: Record<string, unknown>): AttemptRecord {
    if (!canTransition(a.state, event)) return this.#fresh(a);
    let next: AttemptRecord;
    try {
      next = this.#journal.recordTransition(a.outTradeNo, a.state, event, patch, this.#clock.now(), data);
    } catch (e) {
      const now = this.#journal.getAttempt(a.outTradeNo);
      if (!(e instanceof PosError) || !now || now.state === a.state) throw e;
      return now;
    }
    this.#emit(next);
    return next;
  }

  /** The answer must be about this order: same out_trade_no, same amount (field-notes.md, last item). */
  #mismatch(a: AttemptRecord, t: PaidTrade | TradeSeen): ErrorData | undefined {
    const wrong: string[] = [];
    if (t.outTradeNo !== a.outTradeNo) wrong.push(`out_trade_no ${t.outTradeNo} ≠ ${a.outTradeNo}`);
    if (t.totalFen !== undefined && t.totalFen !== a.amountFen) wrong.push(`total ${t.totalFen} fen ≠ ${a.amountFen} fen`);
    if (wrong.length === 0) return undefined;
    const n = named(a.provider);
    const text = `${n.en}'s answer does not match the order (${wrong.join(', ')}); not treated as paid`;
    return errorData('GATEWAY_MISMATCH', text, `${n.zh}应答与订单不符（${wrong.join('，')}），不视为已支付`);
  }

  /** Applies one trade.query answer; returns undefined when it changes nothing. */
  #applyQuery(a: AttemptRecord, q: Query): AttemptRecord | undefined {
    if (q.kind !== 'status') return undefined;
    // A cancel is decided (here or in another process): its own answer settles the attempt. A
    // query that says "paid" now may be followed by that cancel refunding it.
    if (a.state === 'CANCELLING') return undefined;
    const afterCancel = this.#cancelDecided(a);
    const apply = (event: PaymentEvent, patch: AttemptPatch = {}) => (canTransition(a.state, event) ? this.#advance(a, event, patch) : undefined);
    const n = named(a.provider);
    if (q.status === 'closed' && afterCancel) {
      // Our own earlier cancel closed it; its answer was lost, so whether it refunded is unknown
      // unless the provider says so (WeChat: a reversed order that had been paid).
      if (q.refundedInFull) {
        const e = errorData('PAYMENT_DECLINED', `reversed at ${n.en} by the till's cancel: it had been paid and was refunded in full — take the payment again with a fresh code`, `已由收银台在${n.zh}撤销：该笔已支付并已全额退回，请重新扫码收款`);
        return apply({ type: 'cancelled' }, { cancelAction: 'refund', ...storableError(e) });
      }
      const e = errorData('PAYMENT_DECLINED', `closed at ${n.en} by the till's cancel: if it had been paid, the cancel refunded it — scan a fresh code`, `已由收银台撤销并在${n.zh}关闭：如曾扣款，撤销已退回——请重新扫码`);
      return apply({ type: 'cancelled' }, { cancelAction: 'unknown', ...storableError(e) });
    }
    // After an unconfirmed cancel only "closed" is final news; "paid" may yet be refunded by it.
    if (afterCancel) return undefined;
    const mismatch = this.#mismatch(a, q);
    if (mismatch) return apply({ type: 'outcome-unknown' }, storableError(mismatch));
    switch (q.status) {
      case 'paid':
      // Paid, then refunded (in part) elsewhere: the payment happened; its refunds are listed apart.
      case 'refunded':
        return apply({ type: 'paid' }, paidPatch(q));
      case 'waiting':
        return a.state === 'WAITING' ? undefined : apply({ type: 'waiting' }, { tradeNo: q.tradeNo ?? null });
      case 'closed': {
        const e = errorData('PAYMENT_DECLINED', `the trade was closed unpaid at ${n.en} (the customer cancelled or it timed out) — scan a fresh code`, `交易已在${n.zh}关闭且未支付（顾客取消或超时），请重新扫码`);
        return apply({ type: 'declined' }, storableError(e));
      }
      case 'failed': {
        // WeChat PAYERROR: the payment failed at the provider; nothing was charged.
        const e = errorData('PAYMENT_DECLINED', `the payment failed at ${n.en} — ask the customer to refresh the code and scan again`, `${n.zh}支付失败，请顾客刷新付款码后重新扫码`);
        return apply({ type: 'declined' }, storableError(e));
      }
    }
  }

  /**
   * Polls trade.query until a final answer, the wait limit, or the cashier's cancel. `untrusted`:
   * the pay answer claimed something that failed verification or did not match the order, so the
   * first query decides at once — paid and matching is SUCCESS, anything else is cancelled now
   * rather than waited on to the wait limit (issue 9 item 3).
   */
  async #settle(start: AttemptRecord, signal: AbortSignal, o: { queryFirst: boolean; untrusted: boolean }): Promise<AttemptRecord> {
    let a = start;
    const deadline = a.createdAt + this.#waitSeconds(a.provider) * 1000;
    let lastQueryAt = o.queryFirst ? -Infinity : this.#clock.now();
    // Where the journal now says someone else decides (another process, a final state, a cancel).
    const settled = (x: AttemptRecord) => isFinal(x.state) || !this.#mine(x) || x.state === 'CANCELLING';
    const follow = (x: AttemptRecord) => (x.state === 'CANCELLING' && this.#mine(x) ? this.#cancelAtGateway(x) : Promise.resolve(x));
    for (;;) {
      a = this.#fresh(a);
      if (settled(a)) return follow(a);
      if (lastQueryAt !== -Infinity) {
        if (signal.aborted || this.#clock.now() >= deadline) break;
        const wait = Math.min(lastQueryAt + this.#o.pollIntervalMs, deadline) - this.#clock.now();
        if (wait > 0) await this.#clock.sleep(wait, signal);
        a = this.#fresh(a);
        if (settled(a)) return follow(a);
        if (signal.aborted || this.#clock.now() >= deadline) break;
      }
      lastQueryAt = this.#clock.now();
      const q = await this.#gw(a.provider).query(a.outTradeNo);
      a = this.#fresh(a);
      if (settled(a)) return follow(a);
      if (q.kind === 'not-found' && a.state !== 'WAITING') {
        // The pay request never created a trade (or has not yet): cancel leaves a closed trade
        // behind, so a late-arriving request cannot charge this code after we gave up.
        return this.#decideCancel(a, o.untrusted ? 'unverified' : 'not-found');
      }
      if (q.kind === 'status') {
        const mismatch = this.#mismatch(a, q);
        if (mismatch) {
          a = this.#advance(a, { type: 'outcome-unknown' }, storableError(mismatch));
          return this.#decideCancel(a, 'unverified');
        }
        if (o.untrusted && !paidSeen(q) && q.status !== 'closed') return this.#decideCancel(a, 'unverified');
      } else if (q.kind === 'unknown' && (o.untrusted || UNTRUSTED.has(q.errorCode))) {
        if (UNTRUSTED.has(q.errorCode) && !o.untrusted) a = this.#advance(a, { type: 'outcome-unknown' }, storableError(unknownError(q, a.provider)));
        return this.#decideCancel(a, 'unverified');
      }
      a = this.#applyQuery(a, q) ?? a;
    }
    return this.#decideCancel(a, signal.aborted ? askerOf(signal) : 'wait-limit');
  }

  /** Journals the decision to cancel, then cancels; the newer state wins if the journal moved first. */
  async #decideCancel(a: AttemptRecord, reason: CancelReason): Promise<AttemptRecord> {
    const next = a.state === 'CANCELLING' ? a : this.#advance(a, { type: 'cancel' }, { cancelReason: reason }, { reason });
    return next.state === 'CANCELLING' && this.#mine(next) ? this.#cancelAtGateway(next) : next;
  }

  /** Why the cancel happened, in both languages, for its final message. */
  #why(a: AttemptRecord): { code: ErrorCode; en: string; zh: string } {
    const n = named(a.provider);
    const wait = this.#waitSeconds(a.provider);
    switch (a.cancelReason as CancelReason | null) {
      case 'cashier':
        return { code: 'PAYMENT_DECLINED', en: 'cancelled by the cashier', zh: '收银员已撤销' };
      case 'stopped':
        return { code: 'PAYMENT_DECLINED', en: 'cancelled because the till was stopped', zh: '收银台停止运行，已撤销' };
      case 'wait-limit':
        return { code: 'PAYMENT_DECLINED', en: `the customer did not confirm within ${wait} s`, zh: `顾客未在 ${wait} 秒内确认` };
      case 'not-found':
        return { code: 'PAYMENT_DECLINED', en: `the payment never reached ${n.en}`, zh: `支付请求未到达${n.zh}` };
      case 'unverified':
        return a.errorCode === 'GATEWAY_MISMATCH'
          ? { code: 'GATEWAY_MISMATCH', en: `${n.en}'s answer did not match the order, so the till cancelled it at once`, zh: `${n.zh}应答与订单不符，收银台已立即撤销` }
          : { code: 'SIGNATURE_INVALID', en: `${n.en}'s answer failed verification (not signed by ${n.en}), so the till cancelled it at once`, zh: `${n.zh}应答未通过验签，收银台已立即撤销` };
      default:
        return { code: 'PAYMENT_DECLINED', en: 'settled by the recovery pass', zh: '恢复流程已处理' };
    }
  }

  /** trade.cancel, retried; cancel (not close) because close never refunds (barcode-pay.md step 5). */
  async #cancelAtGateway(start: AttemptRecord, data: Record<string, unknown> = {}): Promise<AttemptRecord> {
    // Only an attempt journaled as CANCELLING, by the process holding it, is cancelled: if another
    // process settled it meanwhile, a cancel now would refund a sale marked SUCCESS.
    let a = this.#fresh(start);
    if (a.state !== 'CANCELLING' || !this.#mine(a)) return a;
    const why = this.#why(a);
    const gateway = this.#gw(a.provider);
    const n = named(a.provider);
    // WeChat: no reverse sooner than 15 s after the order; the attempt shows CANCELLING meanwhile.
    const notBefore = a.createdAt + gateway.rules.minCancelDelayMs;
    if (this.#clock.now() < notBefore) await this.#clock.sleep(notBefore - this.#clock.now());
    let last = '';
    for (let i = 0; i < this.#o.cancelAttempts; i++) {
      if (i > 0) await this.#clock.sleep(this.#o.cancelRetryDelayMs);
      a = this.#fresh(a);
      if (a.state !== 'CANCELLING' || !this.#mine(a)) return a;
      const c = await gateway.cancel(a.outTradeNo);
      a = this.#fresh(a);
      if (a.state !== 'CANCELLING' || !this.#mine(a)) return a;
      if (c.kind === 'cancelled') {
        const refunded = c.action === 'refund';
        const e = refunded
          ? errorData(why.code, `${why.en}: it had been paid and was refunded in full — take the payment again with a fresh code`, `${why.zh}：该笔已支付并已全额退回，请重新扫码收款`, { action: c.action, reason: a.cancelReason })
          : errorData(why.code, `${why.en}: nothing was charged — scan a fresh code to try again`, `${why.zh}：未扣款，请重新扫码`, { action: c.action, reason: a.cancelReason });
        return this.#advance(a, { type: 'cancelled' }, { cancelAction: c.action, ...storableError(e) }, data);
      }
      if (c.kind === 'not-found') {
        // No trade under this number. Nothing is charged only once a pay request still in the
        // provider's hands could no longer create it (Alipay: its timeout_express, plus a minute;
        // WeChat: rules.lateTradeWindowMs); until then, retry.
        const latestPayMs = a.createdAt + (gateway.rules.lateTradeWindowMs ?? (this.#o.payTimeoutMinutes + 1) * 60_000);
        if (this.#clock.now() >= latestPayMs) {
          const e = errorData(why.code, `${why.en}: ${n.en} has no trade under this number, nothing was charged — scan a fresh code`, `${why.zh}：${n.zh}无此交易，未扣款，请重新扫码`, { action: 'none', reason: a.cancelReason });
          return this.#advance(a, { type: 'cancelled' }, { cancelAction: 'none', ...storableError(e) }, data);
        }
        last = `${n.en} has no trade under this number yet; a late payment request could still arrive`;
        continue;
      }
      if (c.kind === 'declined') {
        // e.g. ACQ.TRADE_STATUS_ERROR: the cancel was refused and the trade may have finished; a
        // query after that refusal says what it is.
        const q = await gateway.query(a.outTradeNo);
        a = this.#fresh(a);
        if (a.state !== 'CANCELLING' || !this.#mine(a)) return a;
        const paid = paidSeen(q);
        if (paid && !this.#mismatch(a, paid)) return this.#advance(a, { type: 'kept-paid' }, paidPatch(paid), { cancelRefused: c.subCode });
        if (q.kind === 'status' && (q.status === 'closed' || q.status === 'failed') && !q.refundedInFull) {
          // Already closed (by the buyer, a timeout or an earlier cancel) or failed: nothing is charged.
          const e = errorData(why.code, `${why.en}: the trade is closed at ${n.en}, nothing was charged — scan a fresh code to try again`, `${why.zh}：交易已在${n.zh}关闭，未扣款，请重新扫码`, { action: 'none', reason: a.cancelReason });
          return this.#advance(a, { type: 'cancelled' }, { cancelAction: 'none', ...storableError(e) }, data);
        }
      }
      last = c.kind === 'unknown' ? c.reason : c.kind === 'retry' ? c.reason : c.message;
    }
    const e = errorData('GATEWAY_UNKNOWN_OUTCOME', `the cancel could not be confirmed (${last}); the till keeps checking — do not charge this customer again until it is settled`, `撤销未能确认（${last}），系统将继续核实——结果确认前请勿重复收款`);
    return this.#advance(a, { type: 'unresolved' }, storableError(e), data);
  }
}
