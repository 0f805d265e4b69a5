// Writes the till's two sounds (assets/sounds/*.wav): a rising two-tone for "paid" and a low buzz
// for "failed". Generated rather than downloaded so their licence is ours and they can be retuned.
// Run: npx node scripts/make-sounds.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE_RATE_HZ = 22_050;

type Tone = { frequencyHz: number; durationMs: number; wave: 'sine' | 'square'; volume: number };

function samplesOf(tones: readonly Tone[]): Int16Array {
  const total = tones.reduce((n, t) => n + Math.round((t.durationMs / 1000) * SAMPLE_RATE_HZ), 0);
  const out = new Int16Array(total);
  let at = 0;
  for (const t of tones) {
    const n = Math.round((t.durationMs / 1000) * SAMPLE_RATE_HZ);
    // 8 ms fades at both ends: a tone that starts or stops at full level clicks on cheap speakers.
    const fade = Math.round(0.008 * SAMPLE_RATE_HZ);
    for (let i = 0; i < n; i++) {
      const phase = (2 * Math.PI * t.frequencyHz * i) / SAMPLE_RATE_HZ;
      const raw = t.wave === 'sine' ? Math.sin(phase) : Math.sign(Math.sin(phase)) * 0.6 + Math.sin(phase * 3) * 0.2;
      const envelope = Math.min(1, i / fade, (n - i) / fade);
      out[at + i] = Math.round(raw * envelope * t.volume * 32_767);
    }
    at += n;
  }
  return out;
}

function wav(samples: Int16Array): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // PCM header size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(SAMPLE_RATE_HZ, 24);
  h.writeUInt32LE(SAMPLE_RATE_HZ * 2, 28); // bytes per second
  h.writeUInt16LE(2, 32); // bytes per frame
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

const dir = join(import.meta.dirname, '..', 'assets', 'sounds');
mkdirSync(dir, { recursive: true });
const paid = samplesOf([
  { frequencyHz: 880, durationMs: 110, wave: 'sine', volume: 0.5 },
  { frequencyHz: 1320, durationMs: 190, wave: 'sine', volume: 0.5 },
]);
const failed = samplesOf([
  { frequencyHz: 140, durationMs: 180, wave: 'square', volume: 0.45 },
  { frequencyHz: 140, durationMs: 60, wave: 'sine', volume: 0 },
  { frequencyHz: 120, durationMs: 240, wave: 'square', volume: 0.45 },
]);
writeFileSync(join(dir, 'paid.wav'), wav(paid));
writeFileSync(join(dir, 'failed.wav'), wav(failed));
console.log(`wrote ${join(dir, 'paid.wav')} and ${join(dir, 'failed.wav')}`);
