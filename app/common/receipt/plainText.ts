// The receipt as plain text, for `pos receipt --format text`, logs and the screen. Large lines are
// double width on paper; here they keep their place by being centred on the full width.
import type { ReceiptLayout } from './model.ts';
import { center } from './text.ts';

export function layoutToText(layout: ReceiptLayout): string {
  return layout.lines.map((line) => {
    if (line.kind === 'qr') return center(`[QR: ${line.data}]`, layout.columns);
    return line.style === 'large' ? center(line.text.trim(), layout.columns) : line.text;
  }).join('\n') + '\n';
}
