// Joins the announcement's clips into one WAV at run time (issue 9 item 11): one sound element
// plays the whole sentence with no gap a chain of elements would leave between words. Only the
// format scripts/make-sounds.ts writes is read: PCM, 16-bit; all clips of one sentence alike.

export type Pcm = { sampleRateHz: number; channels: number; bitsPerSample: number; data: Uint8Array };

function text(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
}

export function parseWav(bytes: Uint8Array): Pcm {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || text(bytes, 0) !== 'RIFF' || text(bytes, 8) !== 'WAVE') throw new RangeError('not a WAV file');
  let fmt: Omit<Pcm, 'data'> | null = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = text(bytes, at);
    const size = v.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (v.getUint16(body, true) !== 1) throw new RangeError('only PCM WAV clips can be joined');
      fmt = { channels: v.getUint16(body + 2, true), sampleRateHz: v.getUint32(body + 4, true), bitsPerSample: v.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!fmt) throw new RangeError('WAV data before its format');
      return { ...fmt, data: bytes.subarray(body, Math.min(body + size, bytes.length)) };
    }
    at = body + size + (size % 2);
  }
  throw new RangeError('WAV file without data');
}

/** One WAV of the clips one after the other, `gapMs` of silence between them. */
export function joinWav(clips: readonly Pcm[], gapMs = 0): Uint8Array {
  const first = clips[0];
  if (!first) throw new RangeError('nothing to join');
  for (const c of clips) {
    if (c.sampleRateHz !== first.sampleRateHz || c.channels !== first.channels || c.bitsPerSample !== first.bitsPerSample) throw new RangeError('clips of different formats cannot be joined');
  }
  const frameBytes = first.channels * (first.bitsPerSample / 8);
  const gapBytes = Math.round((gapMs / 1000) * first.sampleRateHz) * frameBytes;
  const dataBytes = clips.reduce((n, c) => n + c.data.length, 0) + gapBytes * (clips.length - 1);
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string) => [...s].forEach((ch, i) => (out[at + i] = ch.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, first.channels, true);
  v.setUint32(24, first.sampleRateHz, true);
  v.setUint32(28, first.sampleRateHz * frameBytes, true);
  v.setUint16(32, frameBytes, true);
  v.setUint16(34, first.bitsPerSample, true);
  put(36, 'data');
  v.setUint32(40, dataBytes, true);
  let at = 44;
  clips.forEach((c, i) => {
    if (i > 0) at += gapBytes;
    out.set(c.data, at);
    at += c.data.length;
  });
  return out;
}
