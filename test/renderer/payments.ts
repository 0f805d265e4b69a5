// PaymentView fixtures as the core sends them.
import type { PaymentView } from '../../app/common/ipc/views.ts';
import { isFinal, type AttemptState } from '../../app/common/payment/machine.ts';

export function payment(state: AttemptState, o: Partial<PaymentView> = {}): PaymentView {
  const amountFen = o.amountFen ?? 1234;
  return {
    status: isFinal(state) ? (state as PaymentView['status']) : 'UNKNOWN',
    state,
    outTradeNo: 'TR20261122101500123456',
    tradeNo: state === 'SUCCESS' ? '2026112222001400000000000001' : null,
    amount: `${Math.floor(amountFen / 100)}.${String(amountFen % 100).padStart(2, '0')}`,
    amountFen,
    provider: 'alipay',
    training: true,
    buyer: state === 'SUCCESS' ? '183****8106' : null,
    codeLast4: '5601',
    cancelAction: null,
    createdAt: Date.UTC(2026, 10, 22, 2, 15, 0),
    ...o,
  };
}
