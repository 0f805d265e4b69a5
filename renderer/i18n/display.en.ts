// English for display.zh-CN.ts, key for key.
import type { displayZhCN } from './display.zh-CN.ts';

export const displayEn: { readonly [K in keyof typeof displayZhCN]: string } = {
  'settings.shopLogo': 'Shop logo (customer display)',
  'settings.shopLogoHint': 'Full path of a PNG or JPEG file on this machine, at most 256 KB (no SVG); empty: the config file\'s shop.logoPath, or the name\'s first character',
  'settings.shopLogoFromConfig': 'Now from the config file: {path}',
};
