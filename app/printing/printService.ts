// Printing a receipt: lay it out once, encode it the way the printer needs (text mode with its
// Chinese font, or raster mode as a picture), and send it through whichever transport is set up.
import type { ReceiptData, PaperWidth, ReceiptLayout } from '../common/receipt/model.ts';
import { layoutReceipt, layoutTestPage } from '../common/receipt/layout.ts';
import { layoutToText } from '../common/receipt/plainText.ts';
import { encodeEscPosRaster } from './escposRaster.ts';
import { encodeEscPosText, type FontCoverage } from './escposText.ts';
import { loadHexFont, type GlyphFont } from './hexFont.ts';
import { encodePng } from './png.ts';
import type { PrinterTransport, PrintOutcome } from './PrinterTransport.ts';
import { rasterizeLayout } from './rasterize.ts';

/** text: the printer's own Chinese font (FS & + GB18030); raster: a picture, for printers without one. */
export type ReceiptMode = 'text' | 'raster';

export type PrintOptions = {
  paper: PaperWidth;
  mode?: ReceiptMode;
  /** Raster mode's font; the Unifont .hex of loadHexFont() when not given. */
  font?: GlyphFont;
  fontCoverage?: FontCoverage;
};

/** The till's printing settings (the lead's config holds them). */
export type PrintSettings = {
  /** A printer address (printerUrl.ts), e.g. "tcp://192.168.1.50:9100". */
  printer: string;
  paper: PaperWidth;
  mode: ReceiptMode;
  /** Print a receipt as soon as a payment succeeds; otherwise only on request (reprint). */
  printOnSuccess: boolean;
};

export type PrintResult = PrintOutcome & { target: string; mode: ReceiptMode; bytes: number };

/** The layout as ESC/POS in the chosen mode. */
export function encodeLayout(layout: ReceiptLayout, options: Omit<PrintOptions, 'paper'> = {}): Uint8Array {
  if (options.mode === 'raster') return encodeEscPosRaster(rasterizeLayout(layout, options.font ?? loadHexFont()).bitmap);
  return encodeEscPosText(layout, options.fontCoverage ? { fontCoverage: options.fontCoverage } : {});
}

export async function printLayout(transport: PrinterTransport, layout: ReceiptLayout, options: Omit<PrintOptions, 'paper'> = {}): Promise<PrintResult> {
  const mode = options.mode ?? 'text';
  const escpos = transport.accepts === 'escpos' ? encodeLayout(layout, options) : undefined;
  const outcome = await transport.print(escpos ? { layout, escpos } : { layout });
  return { ...outcome, target: transport.target, mode, bytes: escpos?.length ?? 0 };
}

/** Prints a sale, refund or X/Z report receipt. Rejects with PRINTER_* PosErrors (PrinterTransport.print). */
export function printReceipt(transport: PrinterTransport, receipt: ReceiptData, options: PrintOptions): Promise<PrintResult> {
  return printLayout(transport, layoutReceipt(receipt, options.paper), options);
}

/** The page of `pos print-test`: Chinese, columns, ￥, a QR code and the cut, with the printer's status. */
export function printTestPage(transport: PrinterTransport, options: PrintOptions & { time?: number }): Promise<PrintResult> {
  return printLayout(transport, layoutTestPage(options.paper, transport.target, options.time ?? Date.now()), options);
}

export type ReceiptFormat = 'text' | 'escpos' | 'png';

/** A receipt as a file for inspection (`pos receipt --format …`): UTF-8 text, ESC/POS bytes or a PNG picture. */
export function renderReceipt(receipt: ReceiptData, options: PrintOptions & { format: ReceiptFormat }): string | Uint8Array {
  const layout = layoutReceipt(receipt, options.paper);
  if (options.format === 'text') return layoutToText(layout);
  if (options.format === 'escpos') return encodeLayout(layout, options);
  return encodePng(rasterizeLayout(layout, options.font ?? loadHexFont()).bitmap);
}
