// The signed-in cashier as the screen sees it (issue 12, app/shift/CashierOnDuty.ts): who is on
// duty, whether the till asks for one at shift start, and the shop's cashiers when it has a list.
export type CashierView = {
  cashier: { id: string; name: string | null; since: number } | null;
  /** The screen asks for a cashier while none is signed in (config cashiers.ask / cashiers.list). */
  ask: boolean;
  /** The shop's cashiers (config cashiers.list); empty: any id may be typed. */
  list: Array<{ id: string; name: string | null }>;
};
