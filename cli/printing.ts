// Shared by `pos receipt` and `pos report`: write a receipt as text/escpos/png, or print it on a printer URL.
import { writeFileSync } from 'node:fs';
import { PosError } from '../app/common/errors.ts';
import type { PaperWidth, ReceiptData } from '../app/common/receipt/model.ts';
import { printReceipt, renderReceipt, type ReceiptFormat, type ReceiptMode } from '../app/printing/printService.ts';
import { openPrinter } from '../native/printer/openPrinter.ts';
import type { CliIO } from './io.ts';

export const PRINT_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  print: { type: 'string' },
  paper: { type: 'string', default: '80' },
  mode: { type: 'string', default: 'text' },
} as const;

export function paperOf(v: string | undefined): PaperWidth {
  if (v === '58' || v === '80') return Number(v) as PaperWidth;
  throw new PosError('INVALID_ARGUMENT', `--paper must be 58 or 80, not "${v}"`);
}

export function modeOf(v: string | undefined): ReceiptMode {
  if (v === 'text' || v === 'raster') return v;
  throw new PosError('INVALID_ARGUMENT', `--mode must be text or raster, not "${v}"`);
}

export function formatOf(v: string | undefined): ReceiptFormat {
  if (v === 'text' || v === 'escpos' || v === 'png') return v;
  throw new PosError('INVALID_ARGUMENT', `--format must be text, escpos or png, not "${v}"`);
}

/** Writes the receipt to --out (or stdout: text always, binary when piped), or prints it on --print URL. */
export async function emitReceipt(io: CliIO, receipt: ReceiptData, v: { format?: string | undefined; out?: string | undefined; print?: string | undefined; paper?: string | undefined; mode?: string | undefined }): Promise<string> {
  const paper = paperOf(v.paper);
  const mode = modeOf(v.mode);
  if (v.print) {
    const transport = openPrinter(v.print);
    try {
      const r = await printReceipt(transport, receipt, { paper, mode });
      return `printed on ${r.target} (${r.bytes} bytes, ${r.mode} mode)`;
    } finally {
      await transport.close();
    }
  }
  const format = formatOf(v.format ?? 'text');
  const body = renderReceipt(receipt, { paper, mode, format });
  if (v.out) {
    writeFileSync(v.out, body);
    return `wrote ${v.out} (${typeof body === 'string' ? Buffer.byteLength(body) : body.length} bytes, ${format})`;
  }
  if (typeof body !== 'string') {
    // Piped (`pos receipt --format escpos > /dev/usb/lp0`, `| nc printer 9100`) it goes out as is;
    // on a terminal the bytes would only garble the screen.
    if (io.outIsTerminal !== false || !io.outBytes) {
      throw new PosError('INVALID_ARGUMENT', `--format ${format} writes binary data: give --out FILE, or pipe standard output to the printer`, { detailZh: `${format} 是二进制数据：请用 --out 文件，或把标准输出接到打印机` });
    }
    io.outBytes(body);
    return '';
  }
  io.out(body.endsWith('\n') ? body : `${body}\n`);
  return '';
}
