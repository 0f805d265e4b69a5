// The handlers of the counter's screens (issue 9 items 12–14): the shift (X) and the day close (Z)
// of the F5 screen over MONEY's business periods, receipt previews for browser mode, the header's
// printer and gateway lights, and refunds that take a reason and, when the till has one, the
// manager's PIN. Spread over createHandlers' own (handlers.ts).
import { connect } from 'node:net';
import { PosError, type ErrorData } from '../common/errors.ts';
import type { TillStatusView } from '../common/ipc/counterViews.ts';
import type { Channel } from '../common/ipc/contract.ts';
import type { ReceiptData } from '../common/receipt/model.ts';
import { shanghaiDay } from '../common/time.ts';
import { closureReceipt, receiptFor, shiftReceipt } from '../printing/journalReceipts.ts';
import { renderReceipt } from '../printing/printService.ts';
import { ManagerPin } from '../settings/ManagerPin.ts';
import type { Handlers } from './dispatch.ts';
import type { HostDeps } from './handlers.ts';

export const COUNTER_CHANNELS = ['pos:report:shift', 'pos:report:close', 'pos:report:print', 'pos:receipt:preview', 'pos:till:status'] as const satisfies readonly Channel[];
type CounterChannel = (typeof COUNTER_CHANNELS)[number];

/** How long the gateway light waits for a TCP connection before it says unreachable. */
const GATEWAY_PROBE_TIMEOUT_MS = 1500;

function asErrorData(e: unknown): ErrorData {
  if (e instanceof PosError) return e.toData();
  return new PosError('PRINTER_ERROR', (e as Error)?.message ?? String(e)).toData();
}

/** Whether a TCP connection to the gateway's host opens now: the light, not a payment path. */
function probe(url: string): Promise<ErrorData | null> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = connect({ host: u.hostname, port });
    const done = (error: ErrorData | null) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(GATEWAY_PROBE_TIMEOUT_MS, () => done(new PosError('GATEWAY_UNKNOWN_OUTCOME', `${u.host} did not answer within ${GATEWAY_PROBE_TIMEOUT_MS} ms`, { detailZh: `${u.host} 在 ${GATEWAY_PROBE_TIMEOUT_MS / 1000} 秒内无应答` }).toData()));
    socket.once('connect', () => done(null));
    socket.once('error', (e) => done(new PosError('GATEWAY_UNKNOWN_OUTCOME', `cannot reach ${u.host}: ${(e as NodeJS.ErrnoException).code ?? e.message}`, { detailZh: `无法连接 ${u.host}` }).toData()));
  });
}

export function counterHandlers(d: HostDeps, base: Omit<Handlers, CounterChannel>): Handlers {
  // One per till data folder, so wrong guesses are counted across calls (ManagerPin locks after five).
  let pin: { dir: string; pin: ManagerPin } | null = null;
  const managerPin = (): ManagerPin => {
    const dir = d.till().config.dataDir;
    if (pin?.dir !== dir) pin = { dir, pin: new ManagerPin(dir) };
    return pin.pin;
  };
  const print = async (receipt: ReceiptData): Promise<boolean> => {
    const printDocument = d.printReceipt?.printDocument;
    if (!printDocument) throw new PosError('PRINTER_OFFLINE', 'this till has no printing', { detailZh: '本收银台未接打印' });
    return printDocument(receipt);
  };
  return {
    ...base,
    'pos:refund:start': async (req) => {
      // "When configured": a PIN set on the till's computer (`pos settings set-pin`) guards refunds too.
      if (managerPin().isSet) managerPin().verify(req.managerPin, { action: 'refund' });
      const { reason, managerPin: _pin, ...refund } = req;
      return base['pos:refund:start']({ ...refund, ...(reason ? { reason } : {}) });
    },
    'pos:report:shift': async () => {
      const till = d.till();
      return till.journal.periodReport(till.training);
    },
    'pos:report:close': async () => {
      const till = d.till();
      const now = Date.now();
      // The journal closes the open period (refusing while anything is unresolved); the printout
      // is the close's own totals, and a printer problem never undoes the close.
      const closure = till.journal.closeDay(shanghaiDay(now), till.training, now);
      let printed = false;
      let printError: ErrorData | null = null;
      try {
        printed = await print(closureReceipt(till, closure, now));
      } catch (e) {
        printError = asErrorData(e);
      }
      return { day: closure.day, zNumber: closure.zNumber, closedAt: closure.closedAt, firstClose: closure.firstClose, report: closure.report, printed, printError };
    },
    'pos:report:print': async () => ({ printed: await print(shiftReceipt(d.till(), Date.now())) }),
    'pos:receipt:preview': async (req) => {
      const till = d.till();
      const receipt = 'report' in req ? shiftReceipt(till, Date.now()) : receiptFor(till, req.outTradeNo, req.outRequestNo, false);
      const paper = d.settings.read().printer.paperWidthMm;
      const png = renderReceipt(receipt, { paper, format: 'png' }) as Uint8Array;
      const text = renderReceipt(receipt, { paper, format: 'text' }) as string;
      return { pngBase64: Buffer.from(png).toString('base64'), text, paperWidthMm: paper };
    },
    'pos:till:status': async () => {
      const till = d.till();
      const url = d.settings.read().printer.url;
      const last = d.printReceipt?.lastPrint?.() ?? null;
      const printer: TillStatusView['printer'] = !url
        ? { state: 'none', target: null, error: null }
        : last && last.target === url && last.error
          ? { state: 'error', target: url, error: last.error }
          : { state: 'ready', target: url, error: null };
      const target = till.config.alipay.gateway ?? null;
      const gatewayError = target ? await probe(target) : null;
      const gateway: TillStatusView['gateway'] = !target ? { state: 'in-process', target: null, error: null } : { state: gatewayError ? 'unreachable' : 'reachable', target, error: gatewayError };
      return { printer, gateway, checkedAt: Date.now() };
    },
  };
}
