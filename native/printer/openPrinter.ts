// From a printer address (app/printing/printerUrl.ts) to its transport. The OS printer lives in
// main/ (it needs Electron), so it is passed in by the composition root that has it.
import { PosError } from '../../app/common/errors.ts';
import type { PrinterTransport } from '../../app/printing/PrinterTransport.ts';
import type { RawTransportTimeouts } from '../../app/printing/RawPrinterTransport.ts';
import { formatPrinterAddress, parsePrinterUrl, type PrinterAddress } from '../../app/printing/printerUrl.ts';
import { SerialPrinterTransport } from './SerialPrinterTransport.ts';
import { TcpPrinterTransport } from './TcpPrinterTransport.ts';
import { UsbDevicePrinterTransport } from './UsbDevicePrinterTransport.ts';

export type OpenPrinterOptions = Partial<Omit<RawTransportTimeouts, 'statusCheck'>> & {
  connectTimeoutMs?: number;
  /** Makes the transport for os:NAME; without it os: addresses are refused. */
  osPrinter?: (deviceName: string) => PrinterTransport;
};

export function openPrinter(address: string | PrinterAddress, options: OpenPrinterOptions = {}): PrinterTransport {
  const a = typeof address === 'string' ? parsePrinterUrl(address) : address;
  const { osPrinter, ...timeouts } = options;
  switch (a.kind) {
    case 'tcp': return new TcpPrinterTransport({ ...timeouts, host: a.host, port: a.port, statusCheck: a.statusCheck });
    case 'serial': return new SerialPrinterTransport({ ...timeouts, path: a.path, baudRate: a.baudRate, statusCheck: a.statusCheck });
    case 'usb': return new UsbDevicePrinterTransport({ ...timeouts, path: a.path, statusCheck: a.statusCheck });
    case 'os':
      if (!osPrinter) throw new PosError('INVALID_ARGUMENT', `${formatPrinterAddress(a)}: the OS printer is only reachable from the desktop app (Electron)`);
      return osPrinter(a.deviceName);
  }
}
