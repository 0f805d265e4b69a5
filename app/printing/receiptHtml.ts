// The receipt as an HTML page for the OS printer (Electron's webContents.print in main/). Silent
// printing comes out tiny, blank or A4 unless the page has the paper's exact size (field-notes.md
// item 13), so everything is in millimetres on the printer's own grid: a column is 12 dots =
// 1.5 mm and a line 30 dots = 3.75 mm at 203 dpi, and each character sits in a box as wide as
// its columns, so columns align whatever font the OS picks.
import { PAPER, type PaperWidth, type ReceiptLayout } from '../common/receipt/model.ts';
import { charWidth } from '../common/receipt/width.ts';
import { QR_MODULE_DOTS } from './escposText.ts';
import { qrMatrix } from './rasterize.ts';

const DOTS_PER_MM = 8;
export const COLUMN_MM = 1.5;
export const LINE_MM = 3.75;
const QR_MARGIN_MM = 1.5;

/** The sheet for Electron's `pageSize`, in microns: the paper's width, the receipt's height. */
export type PageSizeMicrons = { width: number; height: number };

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function qrSvg(data: string, paper: PaperWidth): { svg: string; heightMm: number } {
  const qr = qrMatrix(data);
  const moduleMm = QR_MODULE_DOTS[paper] / DOTS_PER_MM;
  let path = '';
  for (let r = 0; r < qr.size; r++) for (let c = 0; c < qr.size; c++) if (qr.dark(r, c)) path += `M${c} ${r}h1v1h-1z`;
  const sizeMm = qr.size * moduleMm;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${sizeMm}mm" height="${sizeMm}mm" viewBox="0 0 ${qr.size} ${qr.size}" shape-rendering="crispEdges" data-qr="${escapeHtml(data)}"><path d="${path}"/></svg>`;
  return { svg, heightMm: sizeMm + 2 * QR_MARGIN_MM };
}

export function receiptHtml(layout: ReceiptLayout): { html: string; pageSize: PageSizeMicrons } {
  const paperMm = layout.paper;
  const printableMm = PAPER[layout.paper].dots / DOTS_PER_MM;
  let heightMm = 2 * LINE_MM;
  const body = layout.lines.map((line) => {
    if (line.kind === 'qr') {
      const { svg, heightMm: h } = qrSvg(line.data, layout.paper);
      heightMm += h;
      return `<div class="q">${svg}</div>`;
    }
    const large = line.style === 'large';
    heightMm += large ? 2 * LINE_MM : LINE_MM;
    const cells = [...line.text].map((ch) => {
      const w = charWidth(ch.codePointAt(0)!) * COLUMN_MM * (large ? 2 : 1);
      return `<span style="width:${w}mm">${escapeHtml(ch)}</span>`;
    }).join('');
    return `<div class="l ${line.style}">${cells}</div>`;
  }).join('\n');
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>receipt</title><style>
@page { size: ${paperMm}mm ${heightMm.toFixed(2)}mm; margin: 0 }
html, body { margin: 0; padding: 0; background: #fff; color: #000 }
body { width: ${paperMm}mm; font-family: "Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono", "SimSun", "NSimSun", "Microsoft YaHei", "Unifont", monospace }
.r { width: ${printableMm}mm; margin: 0 auto; padding: ${LINE_MM}mm 0 }
.l { height: ${LINE_MM}mm; line-height: ${LINE_MM}mm; font-size: 3mm; white-space: pre; display: flex; overflow: hidden }
.l span { display: inline-block; flex: none; text-align: center; overflow: hidden }
.bold { font-weight: bold }
.large { height: ${2 * LINE_MM}mm; line-height: ${2 * LINE_MM}mm; font-size: 6mm; font-weight: bold }
.q { text-align: center; padding: ${QR_MARGIN_MM}mm 0; line-height: 0 }
</style></head><body><div class="r">
${body}
</div></body></html>
`;
  return { html, pageSize: { width: paperMm * 1000, height: Math.ceil(heightMm * 1000) } };
}
