// A QR code drawn as SVG in the page (issue 11): `qrcode` builds the module matrix synchronously,
// so nothing is fetched or rendered in the core. The text rides along in data-qr-code: what the
// code says, for a test to "scan" without decoding pixels.
import { create } from 'qrcode';
import { useMemo } from 'react';

function pathOf(text: string): { size: number; d: string } {
  const m = create(text, { errorCorrectionLevel: 'M' }).modules;
  let d = '';
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) if (m.get(y, x)) d += `M${x} ${y}h1v1h-1z`;
  }
  return { size: m.size, d };
}

/** A quiet zone of 4 modules, as scanners expect; crisp edges at any size. */
export function QrCode({ text, className, label }: { text: string; className?: string; label: string }) {
  const { size, d } = useMemo(() => pathOf(text), [text]);
  const q = 4;
  return (
    <svg className={className} data-testid="qr-code" data-qr-code={text} role="img" aria-label={label} viewBox={`${-q} ${-q} ${size + 2 * q} ${size + 2 * q}`} shapeRendering="crispEdges">
      <rect x={-q} y={-q} width={size + 2 * q} height={size + 2 * q} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
