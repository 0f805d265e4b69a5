// Writes the till's sounds (assets/sounds/*.wav): a rising two-tone for "paid", a low buzz for
// "failed", a soft falling pair for "cancelled" and a repeated mid beep for "unknown" (a different
// sound for each, issue 9 item 11); and the spoken announcement's words (assets/sounds/voice/*.wav)
// from espeak-ng's Mandarin voice. Generated rather than downloaded so their licence is ours and
// they can be retuned. The clips are committed: only this script needs espeak-ng
// (`apt-get install espeak-ng`), never a build, a test or the till.
// Run: npx node scripts/make-sounds.ts [--no-voice]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIPS, CLIP_NAMES } from '../app/common/speech/clips.ts';
import { parseWav } from '../app/common/speech/wav.ts';

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
const cancelled = samplesOf([
  { frequencyHz: 660, durationMs: 140, wave: 'sine', volume: 0.4 },
  { frequencyHz: 440, durationMs: 220, wave: 'sine', volume: 0.4 },
]);
const beep = { frequencyHz: 740, durationMs: 120, wave: 'square', volume: 0.3 } as const;
const rest = { frequencyHz: 740, durationMs: 90, wave: 'sine', volume: 0 } as const;
const unknown = samplesOf([beep, rest, beep, rest, beep]);
writeFileSync(join(dir, 'paid.wav'), wav(paid));
writeFileSync(join(dir, 'failed.wav'), wav(failed));
writeFileSync(join(dir, 'cancelled.wav'), wav(cancelled));
writeFileSync(join(dir, 'unknown.wav'), wav(unknown));
console.log(`wrote paid, failed, cancelled and unknown.wav in ${dir}`);

/** Cuts the engine's silence off both ends (keeping 15 ms), so joined words follow each other closely. */
function trimmed(samples: Int16Array): Int16Array {
  const threshold = 400;
  let a = 0;
  let b = samples.length - 1;
  while (a < b && Math.abs(samples[a] as number) < threshold) a++;
  while (b > a && Math.abs(samples[b] as number) < threshold) b--;
  const pad = Math.round(0.015 * SAMPLE_RATE_HZ);
  return samples.slice(Math.max(0, a - pad), Math.min(samples.length, b + pad));
}

if (!process.argv.includes('--no-voice')) {
  const voiceDir = join(dir, 'voice');
  mkdirSync(voiceDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'till-voice-'));
  try {
    for (const name of CLIP_NAMES) {
      const clip = CLIPS[name];
      const raw = join(work, `${clip.file}.wav`);
      // -s words per minute: a little quicker than the default 175, as counter apps speak.
      execFileSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '-s', '190', '-w', raw, clip.pinyin]);
      const pcm = parseWav(readFileSync(raw));
      if (pcm.sampleRateHz !== SAMPLE_RATE_HZ || pcm.channels !== 1 || pcm.bitsPerSample !== 16) throw new Error(`espeak-ng wrote ${pcm.sampleRateHz} Hz / ${pcm.channels} ch / ${pcm.bitsPerSample} bit for ${name}`);
      const samples = new Int16Array(pcm.data.buffer.slice(pcm.data.byteOffset, pcm.data.byteOffset + pcm.data.byteLength));
      writeFileSync(join(voiceDir, `${clip.file}.wav`), wav(trimmed(samples)));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`wrote ${CLIP_NAMES.length} voice clips in ${voiceDir}`);
}
