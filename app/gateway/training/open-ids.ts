// Training open ids. Alipay's open id is per application: the same buyer has a different one in
// every app (qr-bills-transfers.md §4). Here an open id carries a tag of the app it was issued to,
// so the training transfer can refuse an open id from another app as Alipay would (PAYEE_NOT_EXIST).
import { createHash } from 'node:crypto';

const tagOf = (appId: string) => createHash('sha256').update(`app:${appId}`).digest('base64url').slice(0, 10);

export function openIdFor(appId: string, buyerUserId: string): string {
  const body = createHash('sha256').update(`${appId}:${buyerUserId}`).digest('base64url').slice(0, 35);
  return `0${tagOf(appId)}${body}`;
}

export function isOpenIdOf(openId: string, appId: string): boolean {
  return /^0[A-Za-z0-9_-]{45}$/.test(openId) && openId.slice(1, 11) === tagOf(appId);
}
