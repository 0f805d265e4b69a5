// The settings screen's sound section (issue 9 item 11): announcements on/off and the volume,
// applied at once on this screen (soundPrefs.ts says why they are not core settings), and a key-free
// "try it" button that says a sample sentence at the chosen volume.
import { useStore } from 'zustand';
import { paidAnnouncement } from '../../app/common/speech/announcement.ts';
import { useT } from '../i18n/useT.ts';
import { play } from './sounds.ts';
import { setSoundPrefs, soundPrefsStore } from './soundPrefs.ts';

const SAMPLE_FEN = 1880;

export function SoundSettings() {
  const t = useT();
  const prefs = useStore(soundPrefsStore);
  return (
    <fieldset data-testid="sound-settings">
      <legend>{t('sound.section')}</legend>
      <label className="field">
        <span className="field__label">{t('sound.voice')}</span>
        <input type="checkbox" checked={prefs.voice} onChange={(e) => setSoundPrefs({ voice: e.target.checked })} data-testid="sound-voice" />
        <span className="field__hint">{t('sound.voiceHint')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('sound.volume', { percent: prefs.volumePercent })}</span>
        <input type="range" min={0} max={100} step={10} value={prefs.volumePercent} onChange={(e) => setSoundPrefs({ volumePercent: Number(e.target.value) })} data-testid="sound-volume" />
        <span className="field__hint">{t('sound.savedHere')}</span>
      </label>
      <button type="button" className="key-button key-button--plain" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => play(prefs.voice ? { speech: paidAnnouncement(SAMPLE_FEN, 'alipay') } : { sound: 'paid' })} data-testid="sound-try">
        <span>{t('sound.try')}</span>
      </button>
    </fieldset>
  );
}
