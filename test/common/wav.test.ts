// Joining the announcement's clips: one WAV whose header says what follows it.
import { describe, expect, it } from 'vitest';
import { joinWav, parseWav } from '../../app/common/speech/wav.ts';

function clip(samples: number[], rate = 22_050): Uint8Array {
  const pcm = new Int16Array(samples);
  return joinWav([{ sampleRateHz: rate, channels: 1, bitsPerSample: 16, data: new Uint8Array(pcm.buffer) }]);
}

describe('joinWav', () => {
  it('puts the clips one after the other, with the silence asked for between them', () => {
    const a = parseWav(clip([1, 2, 3]));
    const b = parseWav(clip([4, 5]));
    const joined = joinWav([a, b], 1000 / 22_050 * 2);
    const back = parseWav(joined);
    expect(Array.from(new Int16Array(back.data.slice().buffer))).toEqual([1, 2, 3, 0, 0, 4, 5]);
    const v = new DataView(joined.buffer);
    expect(v.getUint32(4, true)).toBe(joined.length - 8);
    expect(v.getUint32(40, true)).toBe(14);
  });

  it('skips chunks it does not need and refuses what it cannot join', () => {
    const plain = clip([7, 8]);
    // A LIST chunk between fmt and data, as some editors write.
    const list = new Uint8Array([...'LIST'].map((c) => c.charCodeAt(0)).concat([2, 0, 0, 0, 0, 0]));
    const withList = new Uint8Array([...plain.subarray(0, 36), ...list, ...plain.subarray(36)]);
    expect(Array.from(new Int16Array(parseWav(withList).data.slice().buffer))).toEqual([7, 8]);
    expect(() => parseWav(new Uint8Array(20))).toThrow(/not a WAV/);
    expect(() => joinWav([parseWav(clip([1])), parseWav(clip([1], 16_000))])).toThrow(/different formats/);
    expect(() => joinWav([])).toThrow(/nothing/);
  });
});
