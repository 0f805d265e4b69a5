// A short sound on paid and on failed (assets/sounds, made by scripts/make-sounds.ts), so the
// cashier hears the outcome while looking at the customer.
import type { SaleState } from '../sale/saleMachine.ts';
import { saleStore } from '../sale/saleStore.ts';

export type SoundName = 'paid' | 'failed';

export function soundFor(before: SaleState, after: SaleState): SoundName | null {
  if (after.phase !== 'result' || before.phase === 'result') return null;
  return after.payment.status === 'SUCCESS' ? 'paid' : 'failed';
}

/** Loaded once at start: creating the element on the outcome would delay the sound. */
function player(): (name: SoundName) => void {
  const audio: Partial<Record<SoundName, HTMLAudioElement>> = {};
  for (const name of ['paid', 'failed'] as const) {
    const a = new Audio(`sounds/${name}.wav`);
    a.preload = 'auto';
    audio[name] = a;
  }
  return (name) => {
    const a = audio[name];
    if (!a) return;
    a.currentTime = 0;
    // A browser that has not seen a key press yet refuses to play; the screen says it anyway.
    void a.play().catch(() => {});
  };
}

export function watchSaleSounds(play: (name: SoundName) => void = player()): () => void {
  return saleStore.subscribe((after, before) => {
    const name = soundFor(before, after);
    if (name) play(name);
  });
}
