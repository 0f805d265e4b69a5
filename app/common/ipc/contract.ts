// The one IPC contract (design.md "Contracts"): channel names `pos:<domain>:<verb>` mapped to
// request and result types, plus the push events. Electron's preload and browser mode's WebSocket
// client both implement PosBridge from CHANNELS; main and `pos serve` both serve it with the same
// handlers (app/ipc). Results travel as data, because an Electron invoke keeps only a thrown
// error's message.
import type { CashbackView, CustomerCashbackView } from '../cashback.ts';
import type { Provider } from '../codes.ts';
import type { ErrorData } from '../errors.ts';
import type { SyncStatusView } from './views.ts';
import type { ReconcileView } from './reconcileViews.ts';
import type { CashierView } from './cashierViews.ts';
import type { DayCloseView, PeriodReportView, ReceiptPreviewView, ReceiptRef, TillStatusView } from './counterViews.ts';
import type { CurrentPaymentView, CustomerView, DayReportView, PaymentDetailView, PaymentView, RefundView, ScannerStatusView, ScanView, SettingsView, TillInfoView } from './views.ts';

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorData };

export type IpcContract = {
  'pos:till:info': { req: Record<string, never>; res: TillInfoView };
  /** `screenId`: the screen (tab or window) that scanned; only it may cancel the payment (issue 9 item 6). */
  /** `undiscountable`: the part not eligible for promotions (yuan, issue 12); the signed-in cashier is the core's. */
  'pos:payment:start': { req: { amount: string; code: string; subject?: string; screenId?: string; undiscountable?: string }; res: PaymentView };
  /** A sale the customer pays by scanning the till's QR code (issue 11); cancelled like any other with pos:payment:cancel. */
  'pos:payment:qr': { req: { amount: string; provider?: Provider; subject?: string; screenId?: string; undiscountable?: string }; res: PaymentView };
  'pos:payment:cancel': { req: { outTradeNo?: string; screenId?: string }; res: { cancelled: boolean } };
  /** What a screen asks after a reload or a lost link (issue 9 item 5): see CurrentPaymentView. */
  'pos:payment:current': { req: { screenId?: string }; res: CurrentPaymentView };
  'pos:payment:query': { req: { outTradeNo: string }; res: PaymentView };
  'pos:payment:active': { req: Record<string, never>; res: PaymentView | null };
  'pos:payment:resolve': { req: Record<string, never>; res: { payments: PaymentView[]; refunds: RefundView[] } };
  'pos:payment:list': { req: { day?: string; search?: string }; res: PaymentView[] };
  'pos:payment:detail': { req: { outTradeNo: string }; res: PaymentDetailView };
  /** `reason`: why (shown to the manager, kept with the refund); `managerPin` when one is set on the till. */
  'pos:refund:start': { req: { outTradeNo: string; amount: string; reason?: string; managerPin?: string }; res: RefundView };
  'pos:report:day': { req: { day?: string }; res: DayReportView };
  'pos:settings:get': { req: Record<string, never>; res: SettingsView };
  /** managerPin confirms a change of credentials or mode (docs/security.md item 3); it is not a setting. */
  'pos:settings:set': { req: SettingsPatch & { managerPin?: string }; res: SettingsView };
  'pos:receipt:print': { req: { outTradeNo: string; outRequestNo?: string }; res: { printed: boolean } };
  /** The head-office sync for the header (issue 13); state 'off' without an `hq` section. */
  'pos:sync:status': { req: Record<string, never>; res: SyncStatusView };
  // The counter's screens (issue 9 items 12–14, app/ipc/counterHandlers.ts).
  'pos:report:shift': { req: Record<string, never>; res: PeriodReportView };
  'pos:report:close': { req: Record<string, never>; res: DayCloseView };
  'pos:report:print': { req: { kind: 'X' }; res: { printed: boolean } };
  'pos:receipt:preview': { req: ReceiptRef; res: ReceiptPreviewView };
  'pos:till:status': { req: Record<string, never>; res: TillStatusView };
  /** The 对账 screen (issue 12): a day's bill matched with the journal (app/ipc/reconcileHandlers.ts). */
  'pos:reconcile:day': { req: { day?: string; provider?: 'alipay' | 'wechat' }; res: ReconcileView };
  /** The cashier on duty (issue 12, app/ipc/cashierHandlers.ts): kept by the core; the day close (Z) signs them out. */
  'pos:cashier:current': { req: Record<string, never>; res: CashierView };
  'pos:cashier:signIn': { req: { id: string }; res: CashierView };
  'pos:cashier:signOut': { req: Record<string, never>; res: CashierView };
};

export type SettingsPatch = {
  shopName?: string;
  /** The customer display's logo (issue 9 item 15): a PNG/JPEG file on the till's machine; null: back to the config file's. */
  shopLogoPath?: string | null;
  language?: 'zh-CN' | 'en';
  alipay?: { appId?: string; privateKeyPem?: string; alipayPublicKeyPem?: string; storeId?: string; terminalId?: string; operatorId?: string };
  scanner?: { source?: 'wedge' | 'hid' | 'serial'; path?: string | null };
  printer?: { url?: string | null; paperWidthMm?: 58 | 80; printOnSuccess?: boolean };
  training?: boolean;
  /** WeChat Pay (issue 15): ids, and the two keys imported as text (sealed at once, never read back). */
  wechat?: { mchId?: string; appId?: string; certSerialNo?: string; wechatPayPublicKeyId?: string; privateKeyPem?: string; wechatPayPublicKeyPem?: string };
};

export type Channel = keyof IpcContract;
export type Req<K extends Channel> = IpcContract[K]['req'];
export type Res<K extends Channel> = IpcContract[K]['res'];

export type PushEvents = {
  'pos:payment:changed': PaymentView;
  'pos:scanner:scanned': ScanView;
  'pos:scanner:status': ScannerStatusView;
  /** What the customer display may show (docs/security.md item 2): no codes, no trade numbers. */
  'pos:customer:changed': CustomerView;
  /** A sale's cash red packet as it changes (issue 14): journaled, sent, refused, skipped and why. */
  'pos:cashback:changed': CashbackView;
  /** The same, as the customer display may see it. */
  'pos:customer:cashback': CustomerCashbackView;
  /** Who is on duty changed (sign-in, sign-out, the Z): every cashier screen of the till follows (issue 12). */
  'pos:cashier:changed': CashierView;
};
export type PushEvent = keyof PushEvents;

/** `pos:payment:start` → bridge.payment.start */
type MethodOf<K extends string> = K extends `pos:${infer D}:${infer V}` ? [D, V] : never;
type DomainOf<K extends Channel> = MethodOf<K>[0];
type VerbOf<K extends Channel> = MethodOf<K>[1];

export type PosBridge = {
  [D in DomainOf<Channel>]: {
    [K in Channel as DomainOf<K> extends D ? VerbOf<K> : never]: (req: Req<K>) => Promise<Result<Res<K>>>;
  };
} & {
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
};
