// English for link.zh-CN.ts, key for key.
import type { linkZhCN } from './link.zh-CN.ts';

export const linkEn: { readonly [K in keyof typeof linkZhCN]: string } = {
  'link.refused.title': 'This address was already used: it cannot open the till again',
  'link.refused.titleSession': 'This page can no longer connect to the till',
  'link.refused.why': 'Each printed till address opens one page, once (a security rule).',
  'link.refused.whySession': 'The till was restarted (or this page\'s session was withdrawn), so this page cannot connect again.',
  'link.refused.how': 'Open the newest address printed in the window running pos serve (it prints a new one each time an address is used); if the till was restarted, use the address it printed then.',
  'link.refused.noPayment': 'This page never started a payment: there is nothing to check.',
};
