// The training gateway's red packets (alipay.fund.trans.uni.transfer), in the trade store's SQLite
// file and inside its transactions: out_biz_no is the idempotency key, so a resend with the same
// parameters finds the packet already paid and pays nothing more.
import type Database from 'better-sqlite3';

export type TransferStatus = 'SUCCESS' | 'FAIL';

export type Transfer = {
  outBizNo: string;
  appId: string;
  /** The request's business parameters in canonical form: a resend must match them exactly. */
  fingerprint: string;
  amountFen: number;
  productCode: string;
  bizScene: string;
  payeeType: string;
  payeeId: string;
  status: TransferStatus;
  errorCode: string | null;
  failReason: string | null;
  orderId: string;
  payFundOrderId: string;
  /** 1 when money actually went to the payee: what proves a resend never pays twice. */
  paid: number;
  createdAtMs: number;
  requests: number;
};

export type NewTransfer = Omit<Transfer, 'orderId' | 'payFundOrderId' | 'requests'>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS transfers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  out_biz_no TEXT NOT NULL,
  app_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  product_code TEXT NOT NULL,
  biz_scene TEXT NOT NULL,
  payee_type TEXT NOT NULL,
  payee_id TEXT NOT NULL,
  status TEXT NOT NULL,
  error_code TEXT,
  fail_reason TEXT,
  order_id TEXT,
  pay_fund_order_id TEXT,
  paid INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  requests INTEGER NOT NULL DEFAULT 1,
  UNIQUE (app_id, out_biz_no)
);
`;

type Row = {
  out_biz_no: string; app_id: string; fingerprint: string; amount_fen: number; product_code: string; biz_scene: string;
  payee_type: string; payee_id: string; status: TransferStatus; error_code: string | null; fail_reason: string | null;
  order_id: string; pay_fund_order_id: string; paid: number; created_at_ms: number; requests: number;
};

const toTransfer = (r: Row): Transfer => ({
  outBizNo: r.out_biz_no, appId: r.app_id, fingerprint: r.fingerprint, amountFen: r.amount_fen, productCode: r.product_code,
  bizScene: r.biz_scene, payeeType: r.payee_type, payeeId: r.payee_id, status: r.status, errorCode: r.error_code,
  failReason: r.fail_reason, orderId: r.order_id, payFundOrderId: r.pay_fund_order_id, paid: r.paid, createdAtMs: r.created_at_ms,
  requests: r.requests,
});

export class TransferStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#db.exec(SCHEMA);
  }

  find(appId: string, outBizNo: string): Transfer | undefined {
    const r = this.#db.prepare('SELECT * FROM transfers WHERE app_id = ? AND out_biz_no = ?').get(appId, outBizNo) as Row | undefined;
    return r && toTransfer(r);
  }

  findByOrderId(appId: string, orderId: string): Transfer | undefined {
    const r = this.#db.prepare('SELECT * FROM transfers WHERE app_id = ? AND (order_id = ? OR pay_fund_order_id = ?)').get(appId, orderId, orderId) as Row | undefined;
    return r && toTransfer(r);
  }

  insert(t: NewTransfer): Transfer {
    const { lastInsertRowid } = this.#db.prepare(`INSERT INTO transfers
      (out_biz_no, app_id, fingerprint, amount_fen, product_code, biz_scene, payee_type, payee_id, status, error_code, fail_reason, paid, created_at_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(t.outBizNo, t.appId, t.fingerprint, t.amountFen, t.productCode, t.bizScene, t.payeeType, t.payeeId, t.status, t.errorCode, t.failReason, t.paid, t.createdAtMs);
    // Shaped like Alipay's: the date, then the store-wide sequence.
    const seq = String(lastInsertRowid).padStart(12, '0');
    const day = new Date(t.createdAtMs + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    this.#db.prepare('UPDATE transfers SET order_id = ?, pay_fund_order_id = ? WHERE id = ?').run(`${day}1100700${seq}`, `${day}1100800${seq}`, lastInsertRowid);
    return this.find(t.appId, t.outBizNo)!;
  }

  countRequest(appId: string, outBizNo: string): void {
    this.#db.prepare('UPDATE transfers SET requests = requests + 1 WHERE app_id = ? AND out_biz_no = ?').run(appId, outBizNo);
  }

  /** How many packets were paid, under one out_biz_no or in all. */
  paidCount(outBizNo?: string): number {
    const r = (outBizNo === undefined
      ? this.#db.prepare('SELECT COALESCE(SUM(paid), 0) AS n FROM transfers').get()
      : this.#db.prepare('SELECT COALESCE(SUM(paid), 0) AS n FROM transfers WHERE out_biz_no = ?').get(outBizNo)) as { n: number };
    return r.n;
  }
}
