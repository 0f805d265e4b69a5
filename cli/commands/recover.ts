import { formatYuan } from '../../app/common/money.ts';
import { EXIT, parse, refuse, trainingBanner, withTill } from '../common.ts';
import type { CliIO } from '../io.ts';
import { printPayment } from './pay.ts';
import { packetLine } from '../cashbackLines.ts';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parse(argv, {}));
  } catch (e) {
    return refuse(io, argv.includes('--json'), e);
  }
  const json = values.json ?? false;
  return withTill(io, values, async (till) => {
    trainingBanner(io, till, json);
    const { payments, refunds, held } = await till.checkout.recover();
    // Red packets left PENDING/UNKNOWN by a crash or a lost answer (issue 14): query, then resend.
    const packets = (await till.cashback?.recover()) ?? [];
    const openPackets = packets.filter((p) => p.state === 'PENDING' || p.state === 'UNKNOWN').length;
    const unresolved = payments.filter((p) => p.status === 'UNKNOWN').length + refunds.filter((r) => r.status === 'UNKNOWN').length + openPackets;
    if (json) {
      io.out(`${JSON.stringify({ status: unresolved ? 'UNKNOWN' : 'SUCCESS', training: till.training, payments, refunds, held, cashback: packets, unresolved })}\n`);
    } else {
      if (payments.length === 0 && refunds.length === 0 && held.length === 0 && packets.length === 0) io.out('nothing to recover: every payment and refund is settled\n');
      // Held by another live process (issue 8 item 3): it is settling them; this pass leaves them alone.
      for (const h of held) io.out(`left to process ${h.heldElsewhere?.pid ?? '?'} (it is settling it): ${h.outTradeNo} ${h.state}  ${formatYuan(h.amountFen)}\n`);
      for (const p of payments) printPayment(io, p, false);
      for (const r of refunds) io.out(`refund ${r.status}  ¥${r.amount} of ${r.outTradeNo}  out_request_no ${r.outRequestNo}\n`);
      for (const v of packets) io.out(packetLine(v));
    }
    return unresolved ? EXIT.UNKNOWN : EXIT.SUCCESS;
  });
}
