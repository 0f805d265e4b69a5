// What crosses from the core to the screen: plain data, amounts as integer fen plus yuan strings,
// no secrets (keys never leave the main process).
import type { Provider } from '../codes.ts';
import type { PromotionView } from '../cashback.ts';
import type { ErrorData } from '../errors.ts';
import type { AttemptState } from '../payment/machine.ts';
import type { PaidLine } from '../paidAmounts.ts';
import type { CustomerReason } from '../customerReason.ts';

export type PaymentView = {
  /** Non-final states are reported as UNKNOWN: the outcome is not known yet. */
  status: 'SUCCESS' | 'FAILED' | 'CANCELLED' | 'UNKNOWN';
  state: AttemptState;
  outTradeNo: string;
  tradeNo: string | null;
  amount: string;
  amountFen: number;
  provider: Provider;
  training: boolean;
  buyer: string | null;
  codeLast4: string;
  cancelAction: string | null;
  /**
   * Why a cancel was decided (issue 9 item 2): 'cashier' (Esc), 'wait-limit', 'not-found' (never
   * reached the gateway), 'unverified' (a forged or mismatched answer), 'recovery'; null: none.
   * With state CANCELLING and `payInFlight`, the cancel is journaled and waits for trade.pay's
   * answer to come back; CANCELLED with cancelAction 'refund' means it had been paid and was refunded.
   */
  cancelReason?: string | null;
  /** True while this till's trade.pay request for it has not come back yet (pushes only). */
  payInFlight?: boolean;
  /** Another live process is settling this attempt and holds its lease (pid when on this machine). */
  heldElsewhere?: { pid: number | null; expiresAt: number | null };
  createdAt: number;
  error?: ErrorData;
  /** Refunded so far (settled refunds only), where the core adds it: lists and details. */
  refundedFen?: number;
  /** 'qr': the customer scanned the till's QR code (issue 11); absent or 'barcode': the till scanned theirs. */
  method?: 'barcode' | 'qr';
  /** A QR payment's code text and expiry (epoch ms), for the cashier's screen and the customer display. */
  qr?: { code: string; expiresAt: number } | null;
  /** A QR payment that landed after the cashier's cancel or the QR's expiry was refunded in full (said so on screen). */
  lateRefund?: RefundView;
  /** Issue 12: the part not eligible for promotions (present only when non-zero), and the cashier who took it. */
  undiscountableFen?: number;
  cashier?: string | null;
  /**
   * 顾客实付 and what came off the total (TRY item 3, app/common/payment/customerPaid.ts), from the
   * paid answer: present only when the customer paid less than the total (a coupon, a promotion).
   */
  paidFen?: number;
  discountFen?: number;
};

/**
 * The till's open payment as a screen sees it: `active` is the one being paid now or else the
 * first unresolved one; `running` whether the core is paying it now; `owner` whose it is relative
 * to the asking screen; `last` the latest payment that screen started (whatever its state), so a
 * screen that lost pushes with its link finds its outcome.
 */
export type CurrentPaymentView = { active: PaymentView | null; running: boolean; owner: 'you' | 'other' | 'none'; last: PaymentView | null };

export type RefundView = {
  status: 'SUCCESS' | 'FAILED' | 'UNKNOWN';
  outTradeNo: string;
  outRequestNo: string;
  amount: string;
  amountFen: number;
  refundedTotal: string;
  left: string;
  leftFen: number;
  training: boolean;
  /** The cashier who made the refund (issue 12); absent: none was signed in. */
  cashier?: string;
  error?: ErrorData;
};

/**
 * `amounts` (issue 12): 订单金额 / 商家优惠 / 平台优惠 / 顾客实付 / 商家实收 / 可开票金额 from the paid
 * answer (app/common/paidAmounts.ts paidLines), in the order the receipt prints them; empty when
 * every amount equals the total (a plain payment shows nothing more).
 */
export type PaymentDetailView = { payment: PaymentView; refunds: RefundView[]; events: Array<{ at: number; type: string }>; amounts?: PaidLine[] };

export type DayReportView = {
  day: string;
  training: boolean;
  rows: Array<{ provider: Provider; state: AttemptState; count: number; amountFen: number }>;
  paid: { count: number; amountFen: number };
  refunds: { count: number; amountFen: number };
  netFen: number;
  unresolved: number;
  /** Paid payments and settled refunds by cashier (issue 12), cashier null = nobody signed in; absent in a Z stored before they were counted. */
  cashiers?: Array<{ cashier: string | null; paid: { count: number; amountFen: number }; refunds: { count: number; amountFen: number } }>;
};

export type ScannerSourceKind = 'wedge' | 'hid' | 'serial';

export type SettingsView = {
  mode: 'live' | 'training';
  shopName: string;
  /** The customer display's logo file and where it is set (issue 9 item 15); optional so older views need not name it. */
  shopLogo?: { path: string | null; from: 'settings' | 'config' | null };
  language: 'zh-CN' | 'en';
  alipay: { appId: string | null; hasPrivateKey: boolean; hasAlipayPublicKey: boolean; storeId: string | null; terminalId: string | null; operatorId: string | null };
  scanner: { source: ScannerSourceKind; path: string | null };
  printer: { url: string | null; paperWidthMm: 58 | 80; printOnSuccess: boolean };
  /** Cash red packets from the config file (issue 14), and whether Alipay signs in certificate mode. */
  promotions?: PromotionView[];
  certMode?: boolean;
  /** WeChat Pay (issue 15): whether each key is there, never the key. */
  wechat?: { mchId: string | null; appId: string | null; certSerialNo: string | null; wechatPayPublicKeyId: string | null; hasPrivateKey: boolean; hasWechatPayPublicKey: boolean };
};

/**
 * The customer display's only input (issue 10 item 2): what a customer at the counter may see of a
 * payment. No code digits, no out_trade_no, no buyer: the second screen faces the public.
 */
export type CustomerView = CustomerPaymentView | CustomerIdleView;

/**
 * No payment to show (issue 9 item 15): what a display that has just connected, or the till that
 * has just (re)opened, says first — the training strip, the shop's name and logo from the start.
 * `logo`: the shop's logo as a data:image/png or data:image/jpeg URL (app/config/shopLogo.ts
 * checked it), null for none (the display draws the name's first character instead).
 */
export type CustomerIdleView = { idle: true; training: boolean; shopName: string; logo: string | null };

/**
 * A payment as the customer sees it. `reason`: why it did not go through, in the customer's words
 * (app/common/customerReason.ts), never the gateway's error. `logo`: present only on the view a
 * display gets when it connects (a data URL is big; pushes during a sale leave it out).
 */
export type CustomerPaymentView = {
  idle?: false;
  reason?: CustomerReason | null;
  logo?: string | null;
  status: PaymentView['status'];
  state: AttemptState;
  amount: string;
  amountFen: number;
  provider: Provider;
  training: boolean;
  shopName: string;
  /**
   * A sale the customer pays by scanning the till's QR code (issue 11): the code to show large and
   * when it expires (epoch ms). The code is the merchant's, made for this order: nothing of the
   * customer's. `lateRefund`: paid after the cancel or the expiry, and refunded in full.
   */
  method?: 'barcode' | 'qr';
  qr?: { code: string; expiresAt: number } | null;
  cancelReason?: string | null;
  lateRefund?: boolean;
  /** What the customer paid, when less than the total (as PaymentView's): the display says it as the phone does. */
  paidFen?: number;
  discountFen?: number;
};

export type TillInfoView = {
  training: boolean;
  shopName: string;
  version: string;
  customerDisplayUrl: string | null;
  /**
   * The cashier's screen's own rules (issue 9 items 1 and 10): keys ignored this long after a
   * result appears; amounts from this many fen ask for a second Enter (null: never); the wait
   * limit the countdown counts to.
   */
  screen?: { resultGuardMs: number; confirmAboveFen: number | null; waitSeconds: number };
  /** Who can show a QR code for a sale now (issue 11), the default first; more than one: F10 asks whose. */
  qrProviders?: Provider[];
  /** Who takes a scanned payment code on this till (TRY item 2: the scan prompt warns when WeChat is one). */
  providers?: Provider[];
};

export type ScanView = { code: string; provider: Provider | null; accepted: boolean; reason?: string; at: number };

export type ScannerStatusView = { source: ScannerSourceKind; state: 'connected' | 'disconnected' | 'error'; message?: string };

/**
 * The head-office sync as the header shows it (issue 13): 'off' without an `hq` section; 'in-sync';
 * 'waiting' (events not acknowledged yet); 'unreachable' since a time; 'refused' (head office
 * refused this till: a configuration problem). `refusedRows`: outbox rows quarantined as corrupted.
 */
export type SyncStatusView = {
  state: 'off' | 'in-sync' | 'waiting' | 'unreachable' | 'refused';
  tillId: string | null;
  waiting: number;
  refusedRows: number;
  lastSyncedAt: number | null;
  unreachableSince: number | null;
  message?: string;
};
