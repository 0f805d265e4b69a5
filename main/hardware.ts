// Which adapter serves which setting (model-codebases.md practice 6: only a composition root picks
// implementations). Native modules are imported on demand: serialport loads its binding as soon as
// it is imported, and a till on a wedge scanner and a network printer must start even where that
// binding cannot load.
import type { PrinterTransport } from '../app/printing/PrinterTransport.ts';
import { OsPrinterTransport, type SilentPrint } from './printer/OsPrinterTransport.ts';

export { nativeScanSources } from '../native/scanner/nativeScanSources.ts';

/** tcp:, serial: and usb: printers take ESC/POS from native/printer; os: printers print through a hidden window. */
export async function openPrinterTransport(url: string, silentPrint: SilentPrint): Promise<PrinterTransport> {
  const { openPrinter } = await import('../native/printer/openPrinter.ts');
  return openPrinter(url, { osPrinter: (deviceName) => new OsPrinterTransport({ deviceName, print: silentPrint }) });
}
