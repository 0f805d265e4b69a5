// What the screen, the customer display, the receipt and the CLI are told about a sale's cash red
// packet (issue 14). Pure: shared by the core and the renderer.

export type CashbackState = 'PENDING' | 'SENT' | 'REFUSED' | 'UNKNOWN' | 'SKIPPED';

export type CashbackReason = { code: string; message: string; messageZh: string };

export type CashbackView = {
  outTradeNo: string;
  outBizNo: string;
  promotionId: string;
  title: string;
  amount: string;
  amountFen: number;
  /** PENDING: journaled, on its way. UNKNOWN: sent, outcome being confirmed. SKIPPED: never sent (reason says why). */
  state: CashbackState;
  training: boolean;
  reason?: CashbackReason | undefined;
};

/** One line for the customer display and the receipt, in both languages. */
export function cashbackLine(v: Pick<CashbackView, 'state' | 'amount'>): { zh: string; en: string } | undefined {
  switch (v.state) {
    case 'SENT':
      return { zh: `已获得现金红包 ¥${v.amount}`, en: `Cash red packet received: ¥${v.amount}` };
    case 'PENDING':
    case 'UNKNOWN':
      return { zh: `现金红包 ¥${v.amount} 正在发放`, en: `Cash red packet ¥${v.amount} is on its way` };
    default:
      return undefined;
  }
}

/** What the customer display may know of a packet: no numbers, no payee (docs/security.md item 2). */
export type CustomerCashbackView = Pick<CashbackView, 'state' | 'amount' | 'training'>;

export function customerCashbackOf(v: CashbackView): CustomerCashbackView {
  return { state: v.state, amount: v.amount, training: v.training };
}

/** A promotion as the settings screen shows it (read-only: promotions live in the config file). */
export type PromotionView = { id: string; title: string; minSpend: string; amount: string; dailyBudget: string; from: string | null; until: string | null };
