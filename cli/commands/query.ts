import { parse, refuse, required, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';
import { printPayment } from './pay.ts';
import { fenToYuan, formatYuan } from '../../app/common/money.ts';
import { paidLines, readPaidDetail } from '../../app/common/paidAmounts.ts';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, { 'out-trade-no': { type: 'string' } }));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    const no = required(values['out-trade-no'], '--out-trade-no');
    trainingBanner(io, till, json, till.journal.getAttempt(no)?.provider);
    const r = await till.checkout.query(no);
    if (!json) io.out(`gateway says: ${r.gatewayStatus}\n`);
    // Another live process is settling it (issue 8 item 3): reported, not recorded; that process decides.
    if (!json && r.heldElsewhere) io.out(`being settled by process ${r.heldElsewhere.pid ?? '?'}: the journal is left to it\n`);
    // What the customer paid and the shop receives, when it differs from the total (issue 12).
    const lines = paidLines(readPaidDetail(till.journal.getAttempt(r.outTradeNo)?.paidDetail));
    if (!json) for (const l of lines) io.out(`  ${l.zh} ${l.en}`.padEnd(34) + `${formatYuan(l.fen)}\n`);
    return printPayment(io, r, json, lines.length ? { paid: Object.fromEntries(lines.map((l) => [l.key, fenToYuan(l.fen)])) } : {});
  });
}
