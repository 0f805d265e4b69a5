// The journal's red packets (the `transfers` table, journal migration 6), on its own connection to
// the journal file. A packet is written before it is sent, under its out_biz_no, and the daily
// budget is checked in the same IMMEDIATE transaction, so two processes on one journal can neither
// send two packets for one sale nor both spend the last of a day's budget. Every change also goes
// to the append-only event log, beside the sale's payment events.
import Database from 'better-sqlite3';
import type { CashbackState } from '../common/cashback.ts';
import { PosError } from '../common/errors.ts';
import { fenToYuan } from '../common/money.ts';
import { shanghaiDay } from '../common/time.ts';
import type { Promotion } from './promotions.ts';
import type { PayeeType } from './TransferPort.ts';

export type TransferRecord = {
  outBizNo: string;
  outTradeNo: string;
  promotionId: string;
  amountFen: number;
  payeeType: PayeeType;
  payeeId: string;
  orderTitle: string;
  state: CashbackState;
  /** Transfer requests begun (written before each leaves): 0 means it certainly never left. */
  sends: number;
  orderId: string | null;
  payFundOrderId: string | null;
  sentAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  training: boolean;
  createdAt: number;
  updatedAt: number;
  day: string;
};

export type Claim = {
  outBizNo: string;
  outTradeNo: string;
  promotion: Promotion;
  payeeType: PayeeType;
  payeeId: string;
  training: boolean;
  at: number;
  /** Journal it as never sent, for this reason (no payee id in the paid answer, …). */
  skip?: { code: string; message: string; messageZh: string } | undefined;
};

export type CashbackReport = { sent: { count: number; amountFen: number; payers: number }; open: number; refused: number; skipped: number };

/** States that hold budget: a packet that is or may be on its way counts as spent. */
const SPENDING = "('PENDING', 'SENT', 'UNKNOWN')";

type Row = Record<string, unknown>;

function toRecord(r: Row): TransferRecord {
  return {
    outBizNo: r.out_biz_no as string, outTradeNo: r.out_trade_no as string, promotionId: r.promotion_id as string,
    amountFen: r.amount_fen as number, payeeType: r.payee_type as PayeeType, payeeId: r.payee_id as string,
    orderTitle: r.order_title as string, state: r.state as CashbackState, sends: r.sends as number,
    orderId: (r.order_id as string | null) ?? null, payFundOrderId: (r.pay_fund_order_id as string | null) ?? null,
    sentAt: (r.sent_at as string | null) ?? null, errorCode: (r.error_code as string | null) ?? null,
    errorMessage: (r.error_message as string | null) ?? null, training: r.training === 1,
    createdAt: r.created_at as number, updatedAt: r.updated_at as number, day: r.day as string,
  };
}

export class TransferJournal {
  readonly #db: Database.Database;

  /** `path` is a journal file already opened (and so migrated) by SqliteJournal. */
  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
    const has = this.#db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'transfers'").get();
    if (!has) {
      this.#db.close();
      throw new PosError('INVALID_CONFIG', `the journal ${path} has no transfers table (journal schema 6): open it with this till's SqliteJournal first`);
    }
  }

  #event(at: number, outTradeNo: string, type: string, data: Record<string, unknown>): void {
    this.#db.prepare('INSERT INTO events (at, out_trade_no, out_request_no, type, data) VALUES (?, ?, NULL, ?, ?)').run(at, outTradeNo, type, JSON.stringify(data));
  }

  get(outBizNo: string): TransferRecord | undefined {
    const r = this.#db.prepare('SELECT * FROM transfers WHERE out_biz_no = ?').get(outBizNo) as Row | undefined;
    return r && toRecord(r);
  }

  forSale(outTradeNo: string): TransferRecord | undefined {
    const r = this.#db.prepare('SELECT * FROM transfers WHERE out_trade_no = ?').get(outTradeNo) as Row | undefined;
    return r && toRecord(r);
  }

  /** Packets that may still be on their way: the recovery pass settles these. */
  unresolved(): TransferRecord[] {
    return (this.#db.prepare("SELECT * FROM transfers WHERE state IN ('PENDING', 'UNKNOWN') ORDER BY created_at").all() as Row[]).map(toRecord);
  }

  /** What today's packets of `promotionId` hold of its budget, in fen. */
  spentFen(promotionId: string, day: string, training: boolean): number {
    const r = this.#db.prepare(`SELECT COALESCE(SUM(amount_fen), 0) AS fen FROM transfers WHERE training = ? AND promotion_id = ? AND day = ? AND state IN ${SPENDING}`)
      .get(training ? 1 : 0, promotionId, day) as { fen: number };
    return r.fen;
  }

  /**
   * The packet for a sale, journaled once: a second claim for the same sale returns the first
   * (created: false). Over the day's budget the row is SKIPPED with the reason, never sent.
   */
  claim(c: Claim): { record: TransferRecord; created: boolean } {
    return this.#db.transaction(() => {
      const existing = this.forSale(c.outTradeNo);
      if (existing) return { record: existing, created: false };
      const day = shanghaiDay(c.at);
      const spent = this.spentFen(c.promotion.id, day, c.training);
      const overBudget = c.skip === undefined && spent + c.promotion.amountFen > c.promotion.dailyBudgetFen;
      const skip = c.skip ?? (overBudget ? {
        code: 'CASHBACK_BUDGET_EXHAUSTED',
        message: `today's budget for "${c.promotion.id}" is used up (¥${fenToYuan(spent)} of ¥${fenToYuan(c.promotion.dailyBudgetFen)} given or on its way)`,
        messageZh: `今日红包预算已用完（已发或发放中 ¥${fenToYuan(spent)}，预算 ¥${fenToYuan(c.promotion.dailyBudgetFen)}）`,
      } : undefined);
      const over = skip !== undefined;
      const reason = skip ? JSON.stringify({ message: skip.message, messageZh: skip.messageZh }) : null;
      this.#db.prepare(`INSERT INTO transfers (out_biz_no, out_trade_no, promotion_id, amount_fen, payee_type, payee_id, order_title, state, error_code, error_message, training, created_at, updated_at, day)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(c.outBizNo, c.outTradeNo, c.promotion.id, c.promotion.amountFen, c.payeeType, c.payeeId, c.promotion.title,
          over ? 'SKIPPED' : 'PENDING', skip?.code ?? null, reason, c.training ? 1 : 0, c.at, c.at, day);
      this.#event(c.at, c.outTradeNo, over ? 'cashback.skipped' : 'cashback.journaled', { outBizNo: c.outBizNo, promotionId: c.promotion.id, amountFen: c.promotion.amountFen, ...(skip ? { reason: skip.code, spentFen: spent, dailyBudgetFen: c.promotion.dailyBudgetFen } : {}) });
      return { record: this.get(c.outBizNo)!, created: true };
    }).immediate();
  }

  /** Written before each transfer request leaves: after a crash, sends > 0 means "maybe sent". */
  beginSend(outBizNo: string, at: number): TransferRecord {
    return this.#db.transaction(() => {
      this.#db.prepare("UPDATE transfers SET sends = sends + 1, updated_at = ? WHERE out_biz_no = ? AND state IN ('PENDING', 'UNKNOWN')").run(at, outBizNo);
      const r = this.get(outBizNo)!;
      this.#event(at, r.outTradeNo, 'cashback.sending', { outBizNo, send: r.sends });
      return r;
    }).immediate();
  }

  /** Settles an open packet; one already SENT or REFUSED (by another process) is returned unchanged. */
  settle(outBizNo: string, state: 'SENT' | 'REFUSED' | 'UNKNOWN', patch: { orderId?: string | null; payFundOrderId?: string | null; sentAt?: string | null; errorCode?: string | null; errorMessage?: string | null }, at: number): TransferRecord {
    return this.#db.transaction(() => {
      const before = this.get(outBizNo);
      if (!before) throw new PosError('NOT_FOUND', `no red packet ${outBizNo}`);
      if (before.state !== 'PENDING' && before.state !== 'UNKNOWN') return before;
      this.#db.prepare(`UPDATE transfers SET state = ?, updated_at = ?,
        order_id = COALESCE(?, order_id), pay_fund_order_id = COALESCE(?, pay_fund_order_id), sent_at = COALESCE(?, sent_at),
        error_code = ?, error_message = ? WHERE out_biz_no = ?`)
        .run(state, at, patch.orderId ?? null, patch.payFundOrderId ?? null, patch.sentAt ?? null,
          state === 'SENT' ? null : patch.errorCode ?? null, state === 'SENT' ? null : patch.errorMessage ?? null, outBizNo);
      this.#event(at, before.outTradeNo, `cashback.${state.toLowerCase()}`, { outBizNo, ...patch });
      return this.get(outBizNo)!;
    }).immediate();
  }

  /** `pos report`: what went out on `day` (packets SENT), to how many payers, and what is still open. */
  report(day: string, training: boolean): CashbackReport {
    const t = training ? 1 : 0;
    const sent = this.#db.prepare("SELECT COUNT(*) AS n, COALESCE(SUM(amount_fen), 0) AS fen, COUNT(DISTINCT payee_id) AS payers FROM transfers WHERE training = ? AND day = ? AND state = 'SENT'").get(t, day) as { n: number; fen: number; payers: number };
    const by = (state: string) => (this.#db.prepare('SELECT COUNT(*) AS n FROM transfers WHERE training = ? AND day = ? AND state = ?').get(t, day, state) as { n: number }).n;
    return { sent: { count: sent.n, amountFen: sent.fen, payers: sent.payers }, open: by('PENDING') + by('UNKNOWN'), refused: by('REFUSED'), skipped: by('SKIPPED') };
  }

  close(): void {
    this.#db.close();
  }
}
