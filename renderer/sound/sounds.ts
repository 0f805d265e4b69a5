// What the cashier hears (issue 9 item 11): on paid, the spoken announcement "支付宝到账十八元八角"
// (or a rising two-tone with announcements off); a low buzz on failed, a soft falling pair on
// cancelled, a repeated beep on unknown, so each outcome is told apart without looking. The clips
// (assets/sounds, made once by scripts/make-sounds.ts) are joined here at run time.
import { paidAnnouncement } from '../../app/common/speech/announcement.ts';
import { CLIP_NAMES, clipUrl, type Clip } from '../../app/common/speech/clips.ts';
import { joinWav, parseWav } from '../../app/common/speech/wav.ts';
import { isLatePaid } from '../sale/qrOutcome.ts';
import type { SaleState } from '../sale/saleMachine.ts';
import { saleStore } from '../sale/saleStore.ts';
import { soundPrefsStore, type SoundPrefs } from './soundPrefs.ts';

export type SoundName = 'paid' | 'failed' | 'cancelled' | 'unknown';
export const SOUND_NAMES: readonly SoundName[] = ['paid', 'failed', 'cancelled', 'unknown'];

/** One thing to play: an outcome sound, or a sentence of clips. */
export type Cue = { sound: SoundName } | { speech: Clip[] };

/** The outcome sound for a step of the sale, once, when the outcome appears. */
export function soundFor(before: SaleState, after: SaleState): SoundName | null {
  if (after.phase === 'unknown' && before.phase !== 'unknown') return 'unknown';
  if (after.phase !== 'result' || before.phase === 'result') return null;
  switch (after.payment.status) {
    case 'SUCCESS':
      // Paid after a QR code's cancel: refunded, no sale — never announced as money in (issue 11).
      return isLatePaid(after.payment) ? 'cancelled' : 'paid';
    case 'CANCELLED':
      return 'cancelled';
    case 'UNKNOWN':
      return 'unknown';
    default:
      return 'failed';
  }
}

/** What to play for a step: a paid sale is said aloud when announcements are on. */
export function cueFor(before: SaleState, after: SaleState, prefs: SoundPrefs): Cue | null {
  const name = soundFor(before, after);
  if (name === null || prefs.volumePercent === 0) return null;
  if (name === 'paid' && prefs.voice && after.phase === 'result') return { speech: paidAnnouncement(after.payment.amountFen, after.payment.provider) };
  return { sound: name };
}

export function describeCue(cue: Cue): string {
  return 'sound' in cue ? cue.sound : cue.speech.join(' ');
}

/**
 * Every cue goes through one AudioContext: a joined sentence is a buffer made in the page, which
 * the page's Content-Security-Policy (media-src 'self') would refuse to an <audio> element as a
 * blob: URL, and Web Audio plays it with no gap between words. A new cue cuts the last one short.
 * A hidden <output data-testid="announcer"> carries what was last played (data-cue, its length
 * and volume, and whether it played), so a test can check the words without ears. Sounds and
 * clips are fetched once at start: loading them on the outcome would delay it.
 */
export function createPlayer(): (cue: Cue) => void {
  const state = document.createElement('output');
  state.setAttribute('data-testid', 'announcer');
  state.hidden = true;
  document.body.append(state);
  const bytes = new Map<string, Promise<Uint8Array | null>>();
  const load = (url: string): Promise<Uint8Array | null> => {
    let p = bytes.get(url);
    if (!p) {
      p = fetch(url).then(async (r) => (r.ok ? new Uint8Array(await r.arrayBuffer()) : null)).catch(() => null);
      bytes.set(url, p);
    }
    return p;
  };
  for (const c of CLIP_NAMES) void load(clipUrl(c));
  for (const s of SOUND_NAMES) void load(`sounds/${s}.wav`);
  let context: AudioContext | null = null;
  let playing: AudioBufferSourceNode | null = null;
  let played = 0;

  /** The WAV to play: an outcome sound as it is, a sentence joined from its clips. */
  const wavOf = async (cue: Cue): Promise<Uint8Array | null> => {
    if ('sound' in cue) return load(`sounds/${cue.sound}.wav`);
    const clips = await Promise.all(cue.speech.map((c) => load(clipUrl(c))));
    // A clip that did not load must not drop a word: the plain paid sound says enough then.
    if (clips.some((c) => c === null)) return load('sounds/paid.wav');
    return joinWav(clips.map((c) => parseWav(c as Uint8Array)), 30);
  };

  return (cue) => {
    const n = ++played;
    const volume = soundPrefsStore.getState().volumePercent / 100;
    Object.assign(state.dataset, { cue: describeCue(cue), played: String(n), volume: String(volume), state: 'loading', durationMs: '' });
    void (async () => {
      try {
        const wav = await wavOf(cue);
        if (n !== played) return;
        if (!wav) throw new Error('sound not loaded');
        context ??= new AudioContext();
        // A context made before the first key press starts suspended; the cashier has pressed keys by now.
        if (context.state === 'suspended') await context.resume().catch(() => {});
        const buffer = await context.decodeAudioData(wav.slice().buffer);
        if (n !== played) return;
        playing?.stop();
        const source = context.createBufferSource();
        const gain = context.createGain();
        gain.gain.value = volume;
        source.buffer = buffer;
        source.connect(gain).connect(context.destination);
        source.onended = () => {
          if (n === played) state.dataset.state = 'ended';
        };
        source.start();
        playing = source;
        Object.assign(state.dataset, { state: 'playing', durationMs: String(Math.round(buffer.duration * 1000)) });
      } catch {
        // No speaker, or the sound could not be read: the screen says the outcome anyway.
        if (n === played) state.dataset.state = 'failed';
      }
    })();
  };
}

let shared: ((cue: Cue) => void) | null = null;

/** The page's one player, made on first use. */
export function play(cue: Cue): void {
  shared ??= createPlayer();
  shared(cue);
}

/** Plays each outcome of the sale as it appears; the page's player (clips fetched now) by default. */
export function watchSaleSounds(player?: (cue: Cue) => void): () => void {
  const p = player ?? (shared ??= createPlayer());
  return saleStore.subscribe((after, before) => {
    const cue = cueFor(before, after, soundPrefsStore.getState());
    if (cue) p(cue);
  });
}
