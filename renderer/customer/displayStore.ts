// The customer display's one piece of state: what it shows now.
import { createStore } from 'zustand/vanilla';
import { IDLE_DISPLAY, type Display } from './display.ts';

export const displayStore = createStore<Display>()(() => IDLE_DISPLAY);

export function show(d: Display): void {
  displayStore.setState(d, true);
}
