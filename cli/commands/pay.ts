import type { PaymentResult } from '../../app/checkout/PaymentResult.ts';
import { PosError } from '../../app/common/errors.ts';
import { formatYuan } from '../../app/common/money.ts';
import { EXIT, parse, refuse, required, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';

export function printPayment(io: CliIO, r: PaymentResult, json: boolean): number {
  if (json) {
    io.out(`${JSON.stringify({ status: r.status, outTradeNo: r.outTradeNo, tradeNo: r.tradeNo, amount: r.amount, provider: r.provider, training: r.training, state: r.state, buyer: r.buyer, ...(r.error ? { error: { code: r.error.code, message: r.error.message, messageZh: r.error.messageZh } } : {}) })}\n`);
  } else {
    io.out(`${r.status}${r.training ? ' [TRAINING 培训]' : ''}  ${formatYuan(r.amountFen)}  ${r.provider}  out_trade_no ${r.outTradeNo}${r.tradeNo ? `  trade_no ${r.tradeNo}` : ''}${r.buyer ? `  buyer ${r.buyer}` : ''}\n`);
    if (r.error && r.status !== 'SUCCESS') io.out(`  ${r.error.message}\n  ${r.error.messageZh}\n`);
  }
  return EXIT[r.status];
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { amount: { type: 'string' }, code: { type: 'string' }, subject: { type: 'string' } }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    trainingBanner(io, till, json);
    // Everything checkable is checked before any request: a refused input sends nothing.
    till.checkout.validate({ amount: required(values.amount, '--amount'), code: required(values.code, '--code'), subject: values.subject });
    if (till.journal.unresolvedAttempts().length > 0) {
      await till.checkout.recover();
      const still = till.journal.unresolvedAttempts()[0];
      if (still) throw new PosError('ATTEMPT_UNRESOLVED', `payment ${still.outTradeNo} is still ${still.state} after the recovery pass; it must be settled before a new payment (pos recover / pos query)`, { details: { outTradeNo: still.outTradeNo } });
    }
    // Ctrl-C while the customer is confirming is the cashier's cancel key, not an abandoned payment.
    const onSigint = () => {
      if (!till.checkout.requestCancel()) process.exitCode = EXIT.UNKNOWN;
      io.err('cancelling at the gateway…\n');
    };
    process.on('SIGINT', onSigint);
    try {
      const r = await till.checkout.pay({ amount: values.amount!, code: values.code!, subject: values.subject });
      return printPayment(io, r, json);
    } finally {
      process.off('SIGINT', onSigint);
    }
  }, json ? undefined : progress(io));
}

/** What the cashier is waiting for, as it changes (stderr, so stdout stays the result). */
function progress(io: CliIO): (r: PaymentResult) => void {
  const said: Record<string, string> = {
    WAITING: 'waiting for the customer to confirm on the phone… (Ctrl-C cancels) 等待顾客在手机上确认',
    QUERYING: 'the answer was unclear: asking Alipay what happened… 正在向支付宝查询',
    CANCELLING: 'cancelling at Alipay… 正在撤销',
  };
  let last = '';
  return (r) => {
    const line = said[r.state];
    if (line && r.state !== last) io.err(`${line}\n`);
    last = r.state;
  };
}
