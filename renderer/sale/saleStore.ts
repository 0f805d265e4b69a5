// The sale's state, and nothing derived from it: the screen computes what it shows.
import { createStore } from 'zustand/vanilla';
import { INITIAL_SALE, saleTransition, type SaleEvent, type SaleState } from './saleMachine.ts';

export const saleStore = createStore<SaleState>()(() => INITIAL_SALE);

/** Applies one event; returns the state before and after, so callers can act on the change. */
export function dispatchSale(e: SaleEvent): { before: SaleState; after: SaleState } {
  const before = saleStore.getState();
  const after = saleTransition(before, e);
  if (after !== before) saleStore.setState(after, true);
  return { before, after };
}

export function resetSale(): void {
  saleStore.setState(INITIAL_SALE, true);
}
