import { EXIT, parse, refuse, required, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';
import { cashierFor } from './pay.ts';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { 'out-trade-no': { type: 'string' }, amount: { type: 'string' }, again: { type: 'boolean', default: false }, operator: { type: 'string' } }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    const outTradeNo = required(values['out-trade-no'], '--out-trade-no');
    trainingBanner(io, till, json, till.journal.getAttempt(outTradeNo)?.provider);
    const amount = required(values.amount, '--amount');
    // Who makes it (issue 12): --operator, else the cashier signed in on screen; journaled, and sent as Alipay operator_id.
    const cashier = cashierFor(till, values.operator);
    // --again: the cashier confirms a second refund of the amount that was just refunded (issue 8 item 5).
    const r = await till.checkout.refund(outTradeNo, amount, { again: values.again ?? false, ...(cashier ? { cashier } : {}) });
    if (json) io.out(`${JSON.stringify(r)}\n`);
    else {
      io.out(`refund ${r.status}${r.training ? ' [TRAINING 培训]' : ''}  ¥${r.amount} of ${r.outTradeNo}  out_request_no ${r.outRequestNo}  refunded ¥${r.refundedTotal}, left ¥${r.left}${r.cashier ? `  cashier ${r.cashier}` : ''}\n`);
      if (r.error) io.out(`  ${r.error.message}\n  ${r.error.messageZh}\n`);
    }
    return r.status === 'SUCCESS' ? EXIT.SUCCESS : r.status === 'FAILED' ? EXIT.FAILED : EXIT.UNKNOWN;
  });
}
