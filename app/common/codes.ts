// Payment-code classification (barcode-pay.md "Payment-code prefixes"). Codes stay strings: an
// 18-digit code does not fit a JS number (field-notes.md item 5). The table is data, in one place.

export type Provider = 'alipay' | 'wechat' | 'unionpay';

export type CodeRule = { provider: Provider; label: string; labelZh: string; prefixes: readonly string[]; minLength: number; maxLength: number };

export const CODE_RULES: readonly CodeRule[] = [
  { provider: 'alipay', label: 'Alipay', labelZh: '支付宝', prefixes: ['25', '26', '27', '28', '29', '30'], minLength: 16, maxLength: 24 },
  { provider: 'wechat', label: 'WeChat Pay', labelZh: '微信支付', prefixes: ['10', '11', '12', '13', '14', '15'], minLength: 18, maxLength: 18 },
  { provider: 'unionpay', label: 'UnionPay QuickPass', labelZh: '银联云闪付', prefixes: ['62'], minLength: 19, maxLength: 19 },
];

export type Classification =
  | { ok: true; provider: Provider; rule: CodeRule; code: string }
  | { ok: false; reason: string; reasonZh: string };

export function providerLabel(p: Provider): string {
  return CODE_RULES.find((r) => r.provider === p)?.label ?? p;
}

export function classifyCode(raw: string, rules: readonly CodeRule[] = CODE_RULES): Classification {
  const code = raw.trim();
  if (code === '') return { ok: false, reason: 'the code is empty', reasonZh: '付款码为空' };
  if (!/^\d+$/.test(code)) return { ok: false, reason: `the code has characters other than digits (${mask(code)})`, reasonZh: '付款码含有非数字字符' };
  for (const rule of rules) {
    if (!rule.prefixes.some((p) => code.startsWith(p))) continue;
    if (code.length < rule.minLength || code.length > rule.maxLength) {
      const want = rule.minLength === rule.maxLength ? `${rule.minLength}` : `${rule.minLength}–${rule.maxLength}`;
      return { ok: false, reason: `a ${rule.label} code has ${want} digits, this one has ${code.length}`, reasonZh: `${rule.labelZh}付款码应为 ${want} 位，此码为 ${code.length} 位` };
    }
    return { ok: true, provider: rule.provider, rule, code };
  }
  return { ok: false, reason: `no wallet issues codes starting with ${code.slice(0, 2)} (${code.length} digits)`, reasonZh: `无法识别以 ${code.slice(0, 2)} 开头的付款码` };
}

/** A code as it may be shown or stored: only the last four digits. */
export function mask(code: string): string {
  return code.length <= 4 ? '****' : `${'*'.repeat(Math.min(code.length - 4, 14))}${code.slice(-4)}`;
}
