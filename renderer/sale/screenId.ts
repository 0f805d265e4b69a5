// This screen's id (a tab, or an Electron window): the core remembers which screen started a
// payment, so a scan in another tab is refused there and only this screen can cancel it (issue 9
// item 6). Kept in sessionStorage, which is per tab, so a reload of the tab still owns its payment.
const KEY = 'till.screenId';

let id: string | undefined;

function fresh(): string {
  return globalThis.crypto?.randomUUID?.() ?? `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export function screenId(): string {
  if (id) return id;
  try {
    id = window.sessionStorage.getItem(KEY) ?? undefined;
    if (!id) window.sessionStorage.setItem(KEY, (id = fresh()));
  } catch {
    id = fresh();
  }
  return id;
}
