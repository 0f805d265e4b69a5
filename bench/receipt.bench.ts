// Receipt encoding (issue 5): time to lay out and encode one receipt, and its size in bytes, in
// text mode (the printer's Chinese font, FS & + GB18030) and raster mode (GS v 0 picture drawn
// with the Unifont bitmap font). Prints numbers; asserts nothing.
import { layoutReceipt } from '../app/common/receipt/layout.ts';
import type { PaperWidth, ReceiptData } from '../app/common/receipt/model.ts';
import { encodeEscPosRaster } from '../app/printing/escposRaster.ts';
import { encodeEscPosText } from '../app/printing/escposText.ts';
import { loadHexFont, type HexFont } from '../app/printing/hexFont.ts';
import { rasterizeLayout } from '../app/printing/rasterize.ts';
import { refundReceipt, reportReceipt, saleReceipt } from '../test/printing/receipts.ts';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function measure(runs: number, encode: () => Uint8Array): { medianMs: number; p95Ms: number; bytes: number } {
  let bytes = 0;
  for (let i = 0; i < Math.min(20, runs); i++) bytes = encode().length; // warm up the JIT and glyph cache
  const durationsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startNs = process.hrtime.bigint();
    bytes = encode().length;
    durationsMs.push(Number(process.hrtime.bigint() - startNs) / 1e6);
  }
  durationsMs.sort((a, b) => a - b);
  return { medianMs: percentile(durationsMs, 0.5), p95Ms: percentile(durationsMs, 0.95), bytes };
}

export default async function (): Promise<void> {
  const startNs = process.hrtime.bigint();
  const font: HexFont = loadHexFont();
  console.log(`font: Unifont .hex, ${font.size} glyphs, loaded in ${(Number(process.hrtime.bigint() - startNs) / 1e6).toFixed(1)} ms (once per process)`);
  const receipts: Array<[string, ReceiptData]> = [['sale', saleReceipt()], ['refund', refundReceipt()], ['Z report', reportReceipt()]];
  console.log('receipt    paper  mode    median ms   p95 ms     bytes');
  for (const [name, receipt] of receipts) {
    for (const paper of [58, 80] as PaperWidth[]) {
      const text = measure(2000, () => encodeEscPosText(layoutReceipt(receipt, paper)));
      const raster = measure(200, () => encodeEscPosRaster(rasterizeLayout(layoutReceipt(receipt, paper), font).bitmap));
      for (const [mode, r] of [['text', text], ['raster', raster]] as const) {
        console.log(`${name.padEnd(10)} ${`${paper} mm`.padEnd(6)} ${mode.padEnd(7)} ${r.medianMs.toFixed(3).padStart(9)} ${r.p95Ms.toFixed(3).padStart(8)} ${String(r.bytes).padStart(9)}`);
      }
    }
  }
}
