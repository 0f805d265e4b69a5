// The buyer's account on paper: gateways send it masked ("159****5620", "ab***@163.com"), but
// a receipt leaves the shop, so an unmasked one (a test double, a future gateway) is masked here.

/** Keeps a masked account as it is; masks any other to its first 3 and last 4 characters. */
export function maskAccount(account: string): string {
  const a = account.trim();
  if (a.includes('*')) return a;
  const at = a.indexOf('@');
  if (at > 0) return `${a.slice(0, Math.min(3, at - 1))}***${a.slice(at)}`;
  if (a.length <= 7) return `${a.slice(0, 1)}***`;
  return `${a.slice(0, 3)}****${a.slice(-4)}`;
}
