// What crosses from the core to the screen: plain data, amounts as integer fen plus yuan strings,
// no secrets (keys never leave the main process).
import type { Provider } from '../codes.ts';
import type { ErrorData } from '../errors.ts';
import type { AttemptState } from '../payment/machine.ts';

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
  createdAt: number;
  error?: ErrorData;
};

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
  error?: ErrorData;
};

export type PaymentDetailView = { payment: PaymentView; refunds: RefundView[]; events: Array<{ at: number; type: string }> };

export type DayReportView = {
  day: string;
  training: boolean;
  rows: Array<{ provider: Provider; state: AttemptState; count: number; amountFen: number }>;
  paid: { count: number; amountFen: number };
  refunds: { count: number; amountFen: number };
  netFen: number;
  unresolved: number;
};

export type ScannerSourceKind = 'wedge' | 'hid' | 'serial';

export type SettingsView = {
  mode: 'live' | 'training';
  shopName: string;
  language: 'zh-CN' | 'en';
  alipay: { appId: string | null; hasPrivateKey: boolean; hasAlipayPublicKey: boolean; storeId: string | null; terminalId: string | null; operatorId: string | null };
  scanner: { source: ScannerSourceKind; path: string | null };
  printer: { url: string | null; paperWidthMm: 58 | 80; printOnSuccess: boolean };
};

export type TillInfoView = { training: boolean; shopName: string; version: string; customerDisplayUrl: string | null };

export type ScanView = { code: string; provider: Provider | null; accepted: boolean; reason?: string; at: number };

export type ScannerStatusView = { source: ScannerSourceKind; state: 'connected' | 'disconnected' | 'error'; message?: string };
