// English for cashier.zh-CN.ts, key for key.
import type { cashierZhCN } from './cashier.zh-CN.ts';

export const cashierEn: { readonly [K in keyof typeof cashierZhCN]: string } = {
  'cashier.undiscountable.open': 'Not for promotions',
  'cashier.undiscountable.label': 'Not eligible for promotions (tobacco, deposits…)',
  'cashier.undiscountable.hint': 'Press {down} to change',
  'cashier.undiscountable.hintFocused': 'Type the part no promotion may touch; {up} back to the total, Esc drops it',
  'cashier.undiscountable.back': 'Back to total',
  'cashier.undiscountable.line': 'of which not for promotions {amount}',
  'cashier.undiscountable.wechatNote': 'WeChat Pay has no “not for promotions” field: this part is kept in the journal and on the receipt, not sent to WeChat',
  'cashier.pill': 'Cashier {who}',
  'cashier.pill.none': 'No cashier',
  'cashier.prompt.title': 'Cashier sign-in',
  'cashier.prompt.hint': 'Type your cashier id to start the shift, then Enter',
  'cashier.prompt.hintList': 'Choose your name, or type your id and Enter',
  'cashier.prompt.input': 'Cashier id',
  'cashier.prompt.signIn': 'Sign in',
  'cashier.prompt.cancel': 'Cancel',
  'cashier.prompt.signOut': 'Sign out',
  'cashier.prompt.current': 'Cashier now: {who}',
  'cashier.prompt.required': 'This till takes payments only with a cashier signed in',
  'cashier.signedIn': 'Cashier {who} signed in',
  'cashier.signedOut': 'Cashier signed out',
  'cashier.key': 'Change cashier',
  'cashier.detail.cashier': 'Cashier',
  'cashier.detail.undiscountable': 'Not for promotions',
};
