// The shop's logo as the customer display holds it (issue 9 item 15): only from the core's
// customer view (app/config/shopLogo.ts checked the file), kept across views that leave it out,
// and believed only as a PNG or JPEG data URL — nothing that could load or run anything else.
import { createStore } from 'zustand/vanilla';
import type { CustomerView } from '../../app/common/ipc/views.ts';

/** The core's limit (256 KB) in base64, with room for the prefix. */
const MAX_DATA_URL_CHARS = 360_000;
const LOGO_DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;

export function isLogoDataUrl(x: unknown): x is string {
  return typeof x === 'string' && x.length <= MAX_DATA_URL_CHARS && LOGO_DATA_URL.test(x);
}

export const shopLogoStore = createStore<string | null>(() => null);

/** A view that names the logo (idle views and the one sent on connecting) sets it; others leave it. */
export function takeLogo(v: CustomerView): void {
  if (!('logo' in v) || v.logo === undefined) return;
  shopLogoStore.setState(isLogoDataUrl(v.logo) ? v.logo : null, true);
}
