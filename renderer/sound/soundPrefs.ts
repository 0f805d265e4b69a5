// Sound on this till (issue 9 item 11): spoken announcements on or off, and one volume for every
// sound. Kept in this screen's localStorage, not in the core's settings: it is about the speaker
// next to this screen, changes at once without a save, and needs no manager.
import { createStore } from 'zustand/vanilla';

export type SoundPrefs = { voice: boolean; volumePercent: number };

export const DEFAULT_SOUND_PREFS: SoundPrefs = { voice: true, volumePercent: 80 };
const KEY = 'till.sound';

/** Whatever was stored, made safe: a bad or missing entry gives the defaults. */
export function parseSoundPrefs(raw: string | null): SoundPrefs {
  try {
    const v = JSON.parse(raw ?? 'null') as Partial<SoundPrefs> | null;
    const volume = typeof v?.volumePercent === 'number' && Number.isFinite(v.volumePercent) ? Math.round(Math.min(100, Math.max(0, v.volumePercent))) : DEFAULT_SOUND_PREFS.volumePercent;
    return { voice: typeof v?.voice === 'boolean' ? v.voice : DEFAULT_SOUND_PREFS.voice, volumePercent: volume };
  } catch {
    return DEFAULT_SOUND_PREFS;
  }
}

function stored(): SoundPrefs {
  try {
    return parseSoundPrefs(globalThis.localStorage?.getItem(KEY) ?? null);
  } catch {
    return DEFAULT_SOUND_PREFS;
  }
}

export const soundPrefsStore = createStore<SoundPrefs>()(() => stored());

export function setSoundPrefs(patch: Partial<SoundPrefs>): void {
  const next = parseSoundPrefs(JSON.stringify({ ...soundPrefsStore.getState(), ...patch }));
  soundPrefsStore.setState(next);
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(next));
  } catch {
    // A browser that refuses storage keeps the choice for this session only.
  }
}
