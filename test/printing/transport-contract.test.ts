// The PrinterTransport contract (design.md "Ports"): one suite, run against every transport —
// TCP to a fake network printer on 127.0.0.1, serial and a USB device file over real socat pty
// pairs, and the OS printer with a fake of Electron's silent print. Status bytes from the fake
// printer drive the paper-out, cover-open and offline errors.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PosError } from '../../app/common/errors.ts';
import type { PrinterTransport } from '../../app/printing/PrinterTransport.ts';
import { printReceipt } from '../../app/printing/printService.ts';
import { OsPrinterTransport, type OsPrinterState, type SilentPrintRequest } from '../../main/printer/OsPrinterTransport.ts';
import { SerialPrinterTransport } from '../../native/printer/SerialPrinterTransport.ts';
import { TcpPrinterTransport } from '../../native/printer/TcpPrinterTransport.ts';
import { UsbDevicePrinterTransport } from '../../native/printer/UsbDevicePrinterTransport.ts';
import { READY, startSerialPrinter, startTcpPrinter, type FakePrinterState } from './fakePrinter.ts';
import { saleReceipt } from './receipts.ts';

type Printed = { lines: string[]; qrCodes: string[] };

type Rig = {
  transport: PrinterTransport;
  set(state: Partial<FakePrinterState>): void;
  /** Every receipt that came out, in order. */
  printed(): Printed[];
  /** A transport of the same kind whose printer is not there at all. */
  unreachable(): Promise<PrinterTransport>;
  stop(): Promise<void>;
};

type Harness = {
  name: string;
  /** Whether silence from the printer stops the job (status=required) or not (best-effort). */
  silenceIsOffline: boolean;
  /** Whether the transport can read paper near-end (the OS does not say). */
  readsNearEnd: boolean;
  start(): Promise<Rig>;
};

// The production default: a 2-core machine starting Chromium in the other test worker can starve socat for a while.
const STATUS_TIMEOUT_MS = 1000;

async function closedTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function escposPrinted(jobs: ReturnType<Awaited<ReturnType<typeof startTcpPrinter>>['printer']['jobs']>): Printed[] {
  return jobs.map((j) => ({ lines: j.lines.map((l) => l.text), qrCodes: j.qrCodes }));
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** What an HTML page of receiptHtml() shows: the text of each line box, the data of each QR. */
function htmlPrinted(html: string): Printed {
  const lines = [...html.matchAll(/<div class="l [a-z]+">(.*?)<\/div>/g)].map((m) => unescape((m[1] ?? '').replace(/<[^>]+>/g, '')));
  const qrCodes = [...html.matchAll(/data-qr="([^"]*)"/g)].map((m) => unescape(m[1] ?? ''));
  return { lines, qrCodes };
}

const harnesses: Harness[] = [
  {
    name: 'TcpPrinterTransport (fake network printer on 127.0.0.1)',
    silenceIsOffline: true,
    readsNearEnd: true,
    async start() {
      const fake = await startTcpPrinter();
      return {
        transport: new TcpPrinterTransport({ host: '127.0.0.1', port: fake.port, statusTimeoutMs: STATUS_TIMEOUT_MS }),
        set: (s) => Object.assign(fake.printer.state, s),
        printed: () => escposPrinted(fake.printer.jobs()),
        unreachable: async () => new TcpPrinterTransport({ host: '127.0.0.1', port: await closedTcpPort(), statusTimeoutMs: STATUS_TIMEOUT_MS }),
        stop: fake.stop,
      };
    },
  },
  {
    name: 'SerialPrinterTransport (fake printer on a socat pty pair)',
    silenceIsOffline: true,
    readsNearEnd: true,
    async start() {
      const fake = await startSerialPrinter();
      return {
        transport: new SerialPrinterTransport({ path: fake.path, statusTimeoutMs: STATUS_TIMEOUT_MS }),
        set: (s) => Object.assign(fake.printer.state, s),
        printed: () => escposPrinted(fake.printer.jobs()),
        unreachable: async () => new SerialPrinterTransport({ path: `${fake.path}-unplugged`, statusTimeoutMs: STATUS_TIMEOUT_MS }),
        stop: fake.stop,
      };
    },
  },
  {
    name: 'UsbDevicePrinterTransport (a pty device file standing in for /dev/usb/lp0, status=best-effort)',
    silenceIsOffline: false,
    readsNearEnd: true,
    async start() {
      const fake = await startSerialPrinter();
      return {
        transport: new UsbDevicePrinterTransport({ path: fake.path, statusTimeoutMs: STATUS_TIMEOUT_MS }),
        set: (s) => Object.assign(fake.printer.state, s),
        printed: () => escposPrinted(fake.printer.jobs()),
        unreachable: async () => new UsbDevicePrinterTransport({ path: `${fake.path}-unplugged`, statusTimeoutMs: STATUS_TIMEOUT_MS }),
        stop: fake.stop,
      };
    },
  },
  {
    name: 'UsbDevicePrinterTransport (status=required)',
    silenceIsOffline: true,
    readsNearEnd: true,
    async start() {
      const fake = await startSerialPrinter();
      return {
        transport: new UsbDevicePrinterTransport({ path: fake.path, statusTimeoutMs: STATUS_TIMEOUT_MS, statusCheck: 'required' }),
        set: (s) => Object.assign(fake.printer.state, s),
        printed: () => escposPrinted(fake.printer.jobs()),
        unreachable: async () => new UsbDevicePrinterTransport({ path: `${fake.path}-unplugged`, statusCheck: 'required' }),
        stop: fake.stop,
      };
    },
  },
  {
    name: 'OsPrinterTransport (fake silent print and OS printer state)',
    silenceIsOffline: true,
    readsNearEnd: false,
    async start() {
      let state: FakePrinterState = { ...READY };
      const pages: SilentPrintRequest[] = [];
      const osState = (): OsPrinterState => (state.silent ? 'offline' : state.coverOpen ? 'cover-open' : state.paperOut ? 'paper-out' : state.cutterError ? 'error' : 'ready');
      return {
        transport: new OsPrinterTransport({
          deviceName: 'XP-58 (copy 1)',
          print: async (request) => {
            pages.push(request);
            return { success: true };
          },
          printerState: async () => osState(),
        }),
        set: (s) => { state = { ...state, ...s }; },
        printed: () => pages.map((p) => htmlPrinted(p.html)),
        unreachable: async () => new OsPrinterTransport({ deviceName: 'gone', print: async () => ({ success: false, failureReason: 'Invalid deviceName provided' }), printerState: async () => 'missing' }),
        stop: async () => undefined,
      };
    },
  },
];

/** The receipts printed after the first `before`, once `count` of them have come out (bytes cross a pty or socket after print() resolves). */
async function jobsAfter(rig: Rig, before: number, count: number): Promise<Printed[]> {
  const deadlineMs = Date.now() + 5000; // generous: only a lost job takes this long
  while (rig.printed().length < before + count) {
    if (Date.now() > deadlineMs) throw new Error(`expected ${count} receipt(s) to come out, got ${rig.printed().length - before}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return rig.printed().slice(before);
}

/**
 * Proves a refused job sent nothing: a marker receipt printed next must be the only thing that
 * comes out, since one link's bytes all arrive before the next link opens.
 */
async function expectNothingSentSince(rig: Rig, before: number): Promise<void> {
  rig.set({ ...READY });
  await printReceipt(rig.transport, saleReceipt({ outTradeNo: 'MARKER' }), { paper: 58 });
  const jobs = await jobsAfter(rig, before, 1);
  expect(jobs.map((j) => j.qrCodes)).toEqual([['MARKER']]);
}

async function rejection(p: Promise<unknown>): Promise<PosError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('expected the print to be refused');
}

for (const h of harnesses) {
  describe(`PrinterTransport contract: ${h.name}`, () => {
    let rig: Rig;
    beforeAll(async () => {
      rig = await h.start();
    });
    afterAll(async () => {
      await rig.transport.close();
      await rig.stop();
    });
    const reset = () => rig.set({ ...READY });

    it('prints a receipt: its Chinese lines, amount and the QR code with the out_trade_no come out once', async () => {
      reset();
      const before = rig.printed().length;
      const r = saleReceipt({ outTradeNo: `T01-${h.name.length}-CONTRACT` });
      await printReceipt(rig.transport, r, { paper: 58 });
      const jobs = await jobsAfter(rig, before, 1);
      expect(jobs).toHaveLength(1);
      const text = jobs[0]!.lines.join('\n');
      expect(text).toContain('示例便利店（南京');
      expect(text).toMatch(/金额 +￥12\.34/);
      expect(text).toContain('支付宝');
      expect(jobs[0]!.qrCodes).toEqual([r.outTradeNo]);
    });

    it('refuses with PRINTER_PAPER_OUT when the printer says it is out of paper, and sends nothing', async () => {
      reset();
      rig.set({ paperOut: true });
      const before = rig.printed().length;
      const e = await rejection(printReceipt(rig.transport, saleReceipt(), { paper: 58 }));
      expect(e.code).toBe('PRINTER_PAPER_OUT');
      await expectNothingSentSince(rig, before);
    });

    it('refuses with PRINTER_COVER_OPEN when the cover is open, and sends nothing', async () => {
      reset();
      rig.set({ coverOpen: true });
      const before = rig.printed().length;
      const e = await rejection(printReceipt(rig.transport, saleReceipt(), { paper: 80 }));
      expect(e.code).toBe('PRINTER_COVER_OPEN');
      await expectNothingSentSince(rig, before);
    });

    it('reports a cutter fault as PRINTER_ERROR', async () => {
      reset();
      rig.set({ cutterError: true });
      const e = await rejection(printReceipt(rig.transport, saleReceipt(), { paper: 58 }));
      expect(e.code).toBe('PRINTER_ERROR');
    });

    if (h.silenceIsOffline) {
      it('refuses with PRINTER_OFFLINE when the printer does not answer, and sends nothing', async () => {
        reset();
        rig.set({ silent: true });
        const before = rig.printed().length;
        const e = await rejection(printReceipt(rig.transport, saleReceipt(), { paper: 58 }));
        expect(e.code).toBe('PRINTER_OFFLINE');
        await expectNothingSentSince(rig, before);
      });
    } else {
      it('prints anyway when the printer does not answer (best-effort), and says the status was not read', async () => {
        reset();
        rig.set({ silent: true });
        const before = rig.printed().length;
        const result = await printReceipt(rig.transport, saleReceipt(), { paper: 58 });
        expect(result.status.answered).toBe(false);
        expect(await jobsAfter(rig, before, 1)).toHaveLength(1);
      });
    }

    it('reports PRINTER_OFFLINE for a printer that is not there', async () => {
      const gone = await rig.unreachable();
      const e = await rejection(printReceipt(gone, saleReceipt(), { paper: 58 }));
      expect(e.code).toBe('PRINTER_OFFLINE');
      expect(e.message).toContain(gone.target);
    });

    it('status() reports what the printer says without printing', async () => {
      reset();
      rig.set({ paperNearEnd: h.readsNearEnd, coverOpen: true });
      const before = rig.printed().length;
      const s = await rig.transport.status();
      expect(s.answered).toBe(true);
      if (s.answered) {
        expect(s.coverOpen).toBe(true);
        expect(s.paperOut).toBe(false);
        expect(s.paperNearEnd).toBe(h.readsNearEnd);
      }
      await expectNothingSentSince(rig, before);
    });

    it('prints with paper near its end, and says so (and skips unasked status bytes)', async () => {
      reset();
      rig.set({ paperNearEnd: true, chatty: true });
      const before = rig.printed().length;
      const result = await printReceipt(rig.transport, saleReceipt(), { paper: 58 });
      expect(result.status.answered && result.status.paperNearEnd).toBe(h.readsNearEnd);
      expect(await jobsAfter(rig, before, 1)).toHaveLength(1);
    });

    it('prints receipts one after another, each whole and in order', async () => {
      reset();
      const before = rig.printed().length;
      for (const n of ['A', 'B', 'C']) await printReceipt(rig.transport, saleReceipt({ outTradeNo: `T01-ORDER-${n}` }), { paper: 80 });
      expect((await jobsAfter(rig, before, 3)).map((j) => j.qrCodes[0])).toEqual(['T01-ORDER-A', 'T01-ORDER-B', 'T01-ORDER-C']);
    });
  });
}
