// Reads ESC/POS bytes back the way a printer would: text lines (GB18030 inside FS & … FS ., single
// bytes outside), the commands, QR codes, raster images and cuts. Tests assert on what the paper
// would show, not on the bytes the encoder happened to write. Written from the ESC/POS command
// reference, independently of the till's encoder.
import iconv from 'iconv-lite';

export type Align = 'left' | 'center' | 'right';

export type PrintedLine = {
  text: string;
  /** Columns the line takes on the printer: 1 per ASCII byte, 2 per GB character, times the width multiplier. */
  columns: number;
  bold: boolean;
  widthMultiplier: number;
  heightMultiplier: number;
  align: Align;
  /** Some of the text was printed in Chinese mode. */
  chinese: boolean;
};

export type RasterImage = { width: number; height: number; stride: number; data: Uint8Array };

/** A command and where it starts in the bytes read. */
export type Command = { name: string; bytes: number[]; offset: number };

export type EscPosDocument = {
  lines: PrintedLine[];
  commands: Command[];
  /** Data of each QR code printed (GS ( k fn 81), in order. */
  qrCodes: string[];
  images: RasterImage[];
  cuts: number;
  /** The n of each DLE EOT n real-time status request. */
  statusRequests: number[];
  /** Bytes a printer would print as garbage: high bytes outside Chinese mode, unknown commands, truncated commands. */
  problems: string[];
};

type Segment = { chinese: boolean; bytes: number[] };

/** Columns of GB18030 bytes as a printer in Chinese mode uses them. */
function gbColumns(bytes: number[]): number {
  let cols = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) { cols += 1; continue; }
    const second = bytes[i + 1] ?? 0;
    i += second >= 0x30 && second <= 0x39 ? 3 : 1;
    cols += 2;
  }
  return cols;
}

// Commands of fixed length after their two introducer bytes (ESC x, GS x, FS x).
const ESC_ARGS: Record<number, [string, number]> = {
  0x40: ['ESC @ initialize', 0], 0x45: ['ESC E emphasis', 1], 0x47: ['ESC G double-strike', 1], 0x2d: ['ESC - underline', 1],
  0x4d: ['ESC M font', 1], 0x61: ['ESC a align', 1], 0x74: ['ESC t code page', 1], 0x52: ['ESC R charset', 1],
  0x64: ['ESC d feed lines', 1], 0x4a: ['ESC J feed dots', 1], 0x65: ['ESC e reverse feed', 1], 0x32: ['ESC 2 default spacing', 0],
  0x33: ['ESC 3 line spacing', 1], 0x20: ['ESC SP char spacing', 1], 0x21: ['ESC ! print mode', 1], 0x7b: ['ESC { upside down', 1],
  0x56: ['ESC V rotate', 1], 0x24: ['ESC $ position', 2], 0x70: ['ESC p pulse', 3], 0x72: ['ESC r colour', 1], 0x3d: ['ESC = peripheral', 1],
};
const GS_ARGS: Record<number, [string, number]> = {
  0x21: ['GS ! size', 1], 0x42: ['GS B reverse', 1], 0x48: ['GS H HRI position', 1], 0x66: ['GS f HRI font', 1],
  0x68: ['GS h barcode height', 1], 0x77: ['GS w barcode width', 1], 0x4c: ['GS L left margin', 2], 0x57: ['GS W print width', 2],
  0x61: ['GS a auto status back', 1], 0x72: ['GS r status', 1], 0x49: ['GS I printer id', 1], 0x50: ['GS P motion units', 2],
  0x62: ['GS b smoothing', 1], 0x2f: ['GS / print downloaded image', 1],
};
const FS_ARGS: Record<number, [string, number]> = {
  0x26: ['FS & Chinese mode on', 0], 0x2e: ['FS . Chinese mode off', 0], 0x21: ['FS ! Chinese print mode', 1],
  0x2d: ['FS - Chinese underline', 1], 0x43: ['FS C code system', 1], 0x53: ['FS S Chinese spacing', 2], 0x57: ['FS W Chinese quadruple', 1],
};

export function readEscPos(input: Uint8Array): EscPosDocument {
  const bytes = input;
  const doc: EscPosDocument = { lines: [], commands: [], qrCodes: [], images: [], cuts: 0, statusRequests: [], problems: [] };
  let chinese = false;
  let bold = false;
  let widthMul = 1;
  let heightMul = 1;
  let align: Align = 'left';
  let segments: Segment[] = [];
  let lineStyle: { bold: boolean; widthMul: number; heightMul: number; align: Align } | null = null;
  let qrData: number[] = [];

  const text = (b: number) => {
    lineStyle ??= { bold, widthMul, heightMul, align };
    const last = segments.at(-1);
    if (last && last.chinese === chinese) last.bytes.push(b);
    else segments.push({ chinese, bytes: [b] });
  };
  const endLine = () => {
    const style = lineStyle ?? { bold, widthMul, heightMul, align };
    let out = '';
    let columns = 0;
    for (const s of segments) {
      if (s.chinese) {
        out += iconv.decode(Buffer.from(s.bytes), 'gb18030');
        columns += gbColumns(s.bytes);
      } else {
        for (const b of s.bytes) if (b >= 0x80) doc.problems.push(`byte 0x${b.toString(16)} outside Chinese mode would print as a code-page glyph`);
        out += Buffer.from(s.bytes).toString('latin1');
        columns += s.bytes.length;
      }
    }
    doc.lines.push({ text: out, columns: columns * style.widthMul, bold: style.bold, widthMultiplier: style.widthMul, heightMultiplier: style.heightMul, align: style.align, chinese: segments.some((s) => s.chinese) });
    segments = [];
    lineStyle = null;
  };
  const need = (i: number, n: number, name: string): boolean => {
    if (i + n <= bytes.length) return true;
    doc.problems.push(`${name} is cut short at byte ${i}`);
    return false;
  };

  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) { endLine(); i++; continue; }
    if (b === 0x0d) { i++; continue; }
    if (b === 0x10) {
      if (!need(i, 3, 'DLE command')) break;
      const kind = bytes[i + 1]!;
      if (kind === 0x04 || kind === 0x05) {
        if (kind === 0x04) doc.statusRequests.push(bytes[i + 2]!);
        doc.commands.push({ name: kind === 0x04 ? 'DLE EOT status' : 'DLE ENQ', bytes: [...bytes.subarray(i, i + 3)], offset: i });
        i += 3;
      } else if (kind === 0x14) {
        doc.commands.push({ name: 'DLE DC4', bytes: [...bytes.subarray(i, i + 5)], offset: i });
        i += 5;
      } else {
        doc.problems.push(`unknown DLE 0x${kind.toString(16)}`);
        i += 2;
      }
      continue;
    }
    if (b === 0x1b || b === 0x1d || b === 0x1c) {
      if (!need(i, 2, 'command')) break;
      const c = bytes[i + 1]!;
      const intro = b === 0x1b ? 'ESC' : b === 0x1d ? 'GS' : 'FS';
      // Variable-length commands first.
      if (b === 0x1d && c === 0x28) {
        if (!need(i, 5, `GS ( ${String.fromCharCode(bytes[i + 2] ?? 0)}`)) break;
        const fnClass = bytes[i + 2]!;
        const len = bytes[i + 3]! + bytes[i + 4]! * 256;
        if (!need(i + 5, len, 'GS ( payload')) break;
        const payload = [...bytes.subarray(i + 5, i + 5 + len)];
        if (fnClass === 0x6b && payload[0] === 0x31) {
          const fn = payload[1];
          if (fn === 0x50) qrData = payload.slice(3);
          if (fn === 0x51) doc.qrCodes.push(Buffer.from(qrData).toString('utf8'));
          doc.commands.push({ name: `GS ( k QR fn ${fn}`, bytes: [...bytes.subarray(i, i + 5 + len)], offset: i });
        } else {
          doc.commands.push({ name: `GS ( ${String.fromCharCode(fnClass)}`, bytes: [...bytes.subarray(i, i + 5 + len)], offset: i });
        }
        i += 5 + len;
        continue;
      }
      if (b === 0x1d && c === 0x76) {
        if (!need(i, 8, 'GS v 0')) break;
        const stride = bytes[i + 4]! + bytes[i + 5]! * 256;
        const height = bytes[i + 6]! + bytes[i + 7]! * 256;
        if (!need(i + 8, stride * height, 'GS v 0 image data')) break;
        doc.images.push({ width: stride * 8, height, stride, data: bytes.slice(i + 8, i + 8 + stride * height) });
        doc.commands.push({ name: 'GS v 0 raster image', bytes: [...bytes.subarray(i, i + 8)], offset: i });
        i += 8 + stride * height;
        continue;
      }
      if (b === 0x1d && c === 0x56) {
        if (!need(i, 3, 'GS V')) break;
        const m = bytes[i + 2]!;
        const len = m >= 65 ? 4 : 3;
        doc.cuts++;
        doc.commands.push({ name: 'GS V cut', bytes: [...bytes.subarray(i, i + len)], offset: i });
        i += len;
        continue;
      }
      if (b === 0x1d && c === 0x6b) {
        if (!need(i, 3, 'GS k')) break;
        const m = bytes[i + 2]!;
        let end: number;
        if (m <= 6) {
          end = bytes.indexOf(0, i + 3);
          if (end < 0) { doc.problems.push('GS k without its NUL'); break; }
          end += 1;
        } else {
          end = i + 4 + (bytes[i + 3] ?? 0);
        }
        doc.commands.push({ name: 'GS k barcode', bytes: [...bytes.subarray(i, end)], offset: i });
        i = end;
        continue;
      }
      if (b === 0x1b && c === 0x2a) {
        if (!need(i, 5, 'ESC *')) break;
        const m = bytes[i + 2]!;
        const n = bytes[i + 3]! + bytes[i + 4]! * 256;
        const len = 5 + n * (m <= 1 ? 1 : 3);
        doc.commands.push({ name: 'ESC * bit image', bytes: [...bytes.subarray(i, i + 5)], offset: i });
        i += len;
        continue;
      }
      const table = b === 0x1b ? ESC_ARGS : b === 0x1d ? GS_ARGS : FS_ARGS;
      const spec = table[c];
      if (!spec) {
        doc.problems.push(`unknown command ${intro} 0x${c.toString(16)}`);
        i += 2;
        continue;
      }
      const [name, args] = spec;
      if (!need(i, 2 + args, name)) break;
      const cmd = [...bytes.subarray(i, i + 2 + args)];
      const n = cmd[2] ?? 0;
      doc.commands.push({ name, bytes: cmd, offset: i });
      if (b === 0x1b && c === 0x40) { chinese = false; bold = false; widthMul = 1; heightMul = 1; align = 'left'; }
      if (b === 0x1b && c === 0x45) bold = (n & 1) === 1;
      if (b === 0x1b && c === 0x61) align = n % 48 === 1 ? 'center' : n % 48 === 2 ? 'right' : 'left';
      if (b === 0x1d && c === 0x21) { widthMul = (n >> 4) + 1; heightMul = (n & 0x0f) + 1; }
      if (b === 0x1c && c === 0x26) chinese = true;
      if (b === 0x1c && c === 0x2e) chinese = false;
      if (b === 0x1b && c === 0x64) for (let k = 0; k < n; k++) endLine();
      i += 2 + args;
      continue;
    }
    if (b < 0x20 && b !== 0x09) {
      doc.problems.push(`control byte 0x${b.toString(16)}`);
      i++;
      continue;
    }
    // A GB character is read whole, so its second byte is never taken for a command.
    if (chinese && b >= 0x81) {
      const second = bytes[i + 1] ?? 0;
      const len = second >= 0x30 && second <= 0x39 ? 4 : 2;
      for (let k = 0; k < len && i + k < bytes.length; k++) text(bytes[i + k]!);
      i += len;
      continue;
    }
    text(b);
    i++;
  }
  if (segments.length > 0) endLine();
  return doc;
}

/** Bands of `GS v 0` stacked into the one picture they print as. */
export function joinImages(images: RasterImage[]): RasterImage {
  const first = images[0];
  if (!first) throw new Error('no raster images');
  if (images.some((im) => im.stride !== first.stride)) throw new Error('raster bands of different widths');
  const height = images.reduce((h, im) => h + im.height, 0);
  const data = new Uint8Array(first.stride * height);
  let o = 0;
  for (const im of images) {
    data.set(im.data, o);
    o += im.data.length;
  }
  return { width: first.width, height, stride: first.stride, data };
}

/** Splits a byte stream at each cut: one document per printed receipt. */
export function readJobs(bytes: Uint8Array): EscPosDocument[] {
  const ends = readEscPos(bytes).commands.filter((c) => c.name === 'GS V cut').map((c) => c.offset + c.bytes.length);
  let start = 0;
  return ends.map((end) => {
    const job = readEscPos(bytes.subarray(start, end));
    start = end;
    return job;
  });
}
