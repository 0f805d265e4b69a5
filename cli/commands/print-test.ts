// `pos print-test --printer URL`: prints a test page and says exactly what went wrong when it
// cannot (field-notes.md item 13): offline, paper out, cover open, or the OS's own words.
import { parseArgs } from 'node:util';
import { isPosError } from '../../app/common/errors.ts';
import { loadConfig } from '../../app/config/config.ts';
import { SettingsStore } from '../../app/settings/SettingsStore.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import type { PaperWidth } from '../../app/common/receipt/model.ts';
import { printTestPage, type ReceiptMode } from '../../app/printing/printService.ts';
import { parsePrinterUrl } from '../../app/printing/printerUrl.ts';
import type { PrinterStatus } from '../../app/printing/realtimeStatus.ts';
import { openPrinter } from '../../native/printer/openPrinter.ts';
import type { CliIO } from '../io.ts';

export const USAGE = `usage: pos print-test [--printer tcp://HOST:9100 | serial:/dev/ttyUSB0 | usb:/dev/usb/lp0] [--config FILE] [--paper 58|80] [--mode text|raster] [--status-timeout-ms N] [--connect-timeout-ms N] [--json]
without --printer, the printer and paper width set on the settings screen (F3) of the till that --config (or ./till.config.json) opens
`;

/** The printer set on the settings screen of the till that `configPath` opens, if any. */
function configuredPrinter(configPath: string | undefined): { url: string | null; paperWidthMm: PaperWidth } {
  const config = loadConfig(configPath);
  // Only the plain settings are read; the sealed keys are never opened for a test page.
  return new SettingsStore(config.dataDir, filePermissionBox).read().printer;
}

function describe(status: PrinterStatus): string {
  if (!status.answered) return `status not read (${status.reason})`;
  const parts = [status.online ? 'online' : 'offline', status.paperOut ? 'paper out' : status.paperNearEnd ? 'paper near end: change the roll soon' : 'paper ok', status.coverOpen ? 'cover open' : 'cover closed'];
  if (status.errors.length > 0) parts.push(`errors: ${status.errors.join(', ')}`);
  return parts.join(', ');
}

function positiveMs(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a whole number of milliseconds above 0, not "${value}"`);
  return n;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let printer: string;
  let paper: PaperWidth;
  let mode: ReceiptMode;
  let statusTimeoutMs: number | undefined;
  let connectTimeoutMs: number | undefined;
  let json = false;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        printer: { type: 'string' },
        config: { type: 'string' },
        paper: { type: 'string' },
        mode: { type: 'string', default: 'text' },
        'status-timeout-ms': { type: 'string' },
        'connect-timeout-ms': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    // A bad --config is refused even with --printer: every command reads the file it is given.
    const configured = values.printer === undefined || values.config !== undefined ? configuredPrinter(values.config) : null;
    values.printer ??= configured?.url ?? undefined;
    values.paper ??= configured ? String(configured.paperWidthMm) : '58';
    if (!values.printer) throw new Error(values.config === undefined ? '--printer is required (or --config FILE of a till with a printer set on its settings screen)' : `no printer is set up on the settings screen of the till ${values.config} opens; give --printer`);
    if (values.paper !== '58' && values.paper !== '80') throw new Error(`--paper must be 58 or 80, not "${values.paper}"`);
    if (values.mode !== 'text' && values.mode !== 'raster') throw new Error(`--mode must be text or raster, not "${values.mode}"`);
    const address = parsePrinterUrl(values.printer);
    if (address.kind === 'os') throw new Error('os: printers print from the desktop app (Settings → Test print), not from the command line');
    printer = values.printer;
    json = values.json;
    paper = Number(values.paper) as PaperWidth;
    mode = values.mode;
    statusTimeoutMs = positiveMs('status-timeout-ms', values['status-timeout-ms']);
    connectTimeoutMs = positiveMs('connect-timeout-ms', values['connect-timeout-ms']);
  } catch (e) {
    const why = isPosError(e) ? `${e.toData().messageZh}\n${e.message}` : e instanceof Error ? e.message : String(e);
    io.err(`pos print-test: ${why}\n${USAGE}`);
    return 2;
  }

  const transport = openPrinter(printer, { statusTimeoutMs, connectTimeoutMs });
  try {
    const result = await printTestPage(transport, { paper, mode });
    if (json) io.out(`${JSON.stringify({ ok: true, target: result.target, paper, mode, bytes: result.bytes, status: result.status })}\n`);
    else io.out(`printed a test page on ${result.target} (${paper} mm, ${mode} mode, ${result.bytes} bytes)\nprinter status: ${describe(result.status)}\n`);
    return 0;
  } catch (e) {
    if (!isPosError(e)) throw e;
    const data = e.toData();
    if (json) io.out(`${JSON.stringify({ ok: false, error: data })}\n`);
    else io.err(`pos print-test: ${data.code}: ${data.messageZh}\n${data.message}\n`);
    return 1;
  } finally {
    await transport.close();
  }
}
