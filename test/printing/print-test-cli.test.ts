// `pos print-test`: prints a test page over TCP, serial and a USB device file to fake printers,
// and reports the printer's real error (paper out, offline) or refuses bad input with exit 2.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { startSerialPrinter, startTcpPrinter, READY, type SerialFake, type TcpFake } from './fakePrinter.ts';

function capture() {
  let out = '';
  let err = '';
  return { io: { out: (s: string) => { out += s; }, err: (s: string) => { err += s; } }, out: () => out, err: () => err };
}

async function waitForJobs(fake: { printer: { jobs(): unknown[] } }, n: number): Promise<void> {
  const deadlineMs = Date.now() + 5000;
  while (fake.printer.jobs().length < n) {
    if (Date.now() > deadlineMs) throw new Error(`expected ${n} printed pages, got ${fake.printer.jobs().length}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('pos print-test', () => {
  let tcp: TcpFake;
  let serial: SerialFake;
  beforeAll(async () => {
    tcp = await startTcpPrinter();
    serial = await startSerialPrinter();
  });
  afterAll(async () => {
    await tcp.stop();
    await serial.stop();
  });

  it('prints a test page on a network printer: Chinese, ￥, a QR code and a cut', async () => {
    tcp.printer.state = { ...READY, paperNearEnd: true };
    tcp.printer.clear();
    const c = capture();
    const code = await main(['print-test', '--printer', `tcp://127.0.0.1:${tcp.port}`, '--paper', '80'], c.io);
    expect(code).toBe(0);
    expect(c.out()).toContain(`printed a test page on tcp://127.0.0.1:${tcp.port}`);
    expect(c.out()).toContain('paper near end');
    await waitForJobs(tcp, 1);
    const [page] = tcp.printer.jobs();
    const text = page!.lines.map((l) => l.text).join('\n');
    expect(text).toContain('打印测试');
    expect(text).toMatch(/金额 +￥12\.34/);
    expect(text).toContain('中文对齐测试'.repeat(4));
    expect(page!.lines.find((l) => l.text.startsWith('1234567890'))?.columns).toBe(48);
    expect(page!.qrCodes).toEqual(['PRINT-TEST']);
    expect(page!.cuts).toBe(1);
  });

  it('prints in raster mode when asked: a picture, no text', async () => {
    tcp.printer.state = { ...READY };
    tcp.printer.clear();
    const c = capture();
    expect(await main(['print-test', '--printer', `tcp://127.0.0.1:${tcp.port}`, '--mode', 'raster'], c.io)).toBe(0);
    await waitForJobs(tcp, 1);
    const [page] = tcp.printer.jobs();
    expect(page!.images.length).toBeGreaterThan(0);
    expect(page!.images[0]!.width).toBe(384);
  });

  it('prints on a serial printer and on a USB device file', async () => {
    serial.printer.state = { ...READY };
    serial.printer.clear();
    for (const printer of [`serial:${serial.path}`, `usb:${serial.path}`]) {
      const c = capture();
      expect(await main(['print-test', '--printer', printer], c.io), c.err()).toBe(0);
      expect(c.out()).toContain('online, paper ok, cover closed');
    }
    await waitForJobs(serial, 2);
  });

  it('reports paper out as the printer says it, in Chinese and English, with exit 1', async () => {
    tcp.printer.state = { ...READY, paperOut: true };
    const c = capture();
    expect(await main(['print-test', '--printer', `tcp://127.0.0.1:${tcp.port}`], c.io)).toBe(1);
    expect(c.err()).toContain('PRINTER_PAPER_OUT');
    expect(c.err()).toContain('打印机缺纸');
    expect(c.err()).toContain('Printer out of paper');
  });

  it('reports a cover left open on the serial printer', async () => {
    serial.printer.state = { ...READY, coverOpen: true };
    const c = capture();
    expect(await main(['print-test', '--printer', `serial:${serial.path}`, '--json'], c.io)).toBe(1);
    expect(JSON.parse(c.out())).toMatchObject({ ok: false, error: { code: 'PRINTER_COVER_OPEN' } });
  });

  it('reports PRINTER_OFFLINE for a printer that refuses the connection or does not answer', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise<void>((r) => server.close(() => r()));
    const refused = capture();
    expect(await main(['print-test', '--printer', `tcp://127.0.0.1:${port}`], refused.io)).toBe(1);
    expect(refused.err()).toContain('PRINTER_OFFLINE');
    expect(refused.err()).toContain('connection refused');

    tcp.printer.state = { ...READY, silent: true };
    const silent = capture();
    expect(await main(['print-test', '--printer', `tcp://127.0.0.1:${tcp.port}`, '--status-timeout-ms', '200'], silent.io)).toBe(1);
    expect(silent.err()).toContain('PRINTER_OFFLINE');
    expect(silent.err()).toContain('no answer');

    const unplugged = capture();
    expect(await main(['print-test', '--printer', 'usb:/dev/usb/lp9-not-here'], unplugged.io)).toBe(1);
    expect(unplugged.err()).toContain('PRINTER_OFFLINE');
  });

  it.each([
    [[], '--printer is required'],
    [['--printer', 'lpt:1'], 'unknown kind'],
    [['--printer', 'tcp://127.0.0.1:9100', '--paper', '57'], '--paper must be 58 or 80'],
    [['--printer', 'tcp://127.0.0.1:9100', '--mode', 'pdf'], '--mode must be text or raster'],
    [['--printer', 'tcp://127.0.0.1:9100', '--status-timeout-ms', '0'], '--status-timeout-ms'],
    [['--printer', 'os:XP-58'], 'desktop app'],
    [['--printer', 'tcp://127.0.0.1:9100', '--bogus'], 'bogus'],
  ])('refuses %j with exit 2: %s', async (args, message) => {
    const c = capture();
    expect(await main(['print-test', ...args], c.io)).toBe(2);
    expect(c.err()).toContain(message);
    expect(c.err()).toContain('usage: pos print-test');
  });
});
