import { EXIT, parse, refuse, required, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { 'out-trade-no': { type: 'string' }, amount: { type: 'string' }, again: { type: 'boolean', default: false } }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    trainingBanner(io, till, json);
    // --again: the cashier confirms a second refund of the amount that was just refunded (issue 8 item 5).
    const r = await till.checkout.refund(required(values['out-trade-no'], '--out-trade-no'), required(values.amount, '--amount'), { again: values.again ?? false });
    if (json) io.out(`${JSON.stringify(r)}\n`);
    else {
      io.out(`refund ${r.status}${r.training ? ' [TRAINING 培训]' : ''}  ¥${r.amount} of ${r.outTradeNo}  out_request_no ${r.outRequestNo}  refunded ¥${r.refundedTotal}, left ¥${r.left}\n`);
      if (r.error) io.out(`  ${r.error.message}\n  ${r.error.messageZh}\n`);
    }
    return r.status === 'SUCCESS' ? EXIT.SUCCESS : r.status === 'FAILED' ? EXIT.FAILED : EXIT.UNKNOWN;
  });
}
