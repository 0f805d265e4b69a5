// `pos receipt --out-trade-no X [--out-request-no R] --format text|escpos|png [--out FILE] [--print URL]`:
// a payment's (or refund's) receipt for inspection, or a reprint on a printer.
import { receiptFor } from '../../app/printing/journalReceipts.ts';
import { EXIT, parse, refuse, required, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';
import { PRINT_OPTIONS, emitReceipt } from '../printing.ts';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { 'out-trade-no': { type: 'string' }, 'out-request-no': { type: 'string' }, reprint: { type: 'boolean', default: false }, ...PRINT_OPTIONS }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  return withTill(io, values, async (till) => {
    const receipt = receiptFor(till, required(values['out-trade-no'], '--out-trade-no'), values['out-request-no'], values.reprint ?? false);
    const said = await emitReceipt(io, receipt, values);
    if (values.json) io.out(`${JSON.stringify({ status: 'SUCCESS', outTradeNo: receipt.outTradeNo, training: receipt.training, result: said })}\n`);
    else if (said) io.err(`${said}\n`);
    return EXIT.SUCCESS;
  });
}
