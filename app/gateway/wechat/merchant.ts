// Who the till is at WeChat Pay: an ordinary merchant (普通商户) or a sub-merchant behind a service
// provider (普通服务商, `/v3/pay/partner/…` with sp_mchid/sub_mchid). Every path and every identity
// field of a request body comes from here, so the two modes cannot drift apart.

export type MerchantIds = {
  mchId: string;
  appId: string;
  /** Set: service-provider mode; mchId/appId are then the provider's (sp_mchid/sp_appid). */
  subMchId?: string | undefined;
  subAppId?: string | undefined;
};

export const enc = encodeURIComponent;

export function partner(m: MerchantIds): boolean {
  return m.subMchId !== undefined && m.subMchId !== '';
}

/** Identity fields of codepay and reverse bodies. */
export function identityFields(m: MerchantIds): Record<string, string> {
  if (!partner(m)) return { appid: m.appId, mchid: m.mchId };
  return { sp_appid: m.appId, sp_mchid: m.mchId, ...(m.subAppId ? { sub_appid: m.subAppId } : {}), sub_mchid: m.subMchId! };
}

export const paths = {
  codepay: (m: MerchantIds) => (partner(m) ? '/v3/pay/partner/transactions/codepay' : '/v3/pay/transactions/codepay'),
  query: (m: MerchantIds, outTradeNo: string) =>
    partner(m)
      ? `/v3/pay/partner/transactions/out-trade-no/${enc(outTradeNo)}?sp_mchid=${enc(m.mchId)}&sub_mchid=${enc(m.subMchId!)}`
      : `/v3/pay/transactions/out-trade-no/${enc(outTradeNo)}?mchid=${enc(m.mchId)}`,
  reverse: (m: MerchantIds, outTradeNo: string) =>
    partner(m) ? `/v3/pay/partner/transactions/out-trade-no/${enc(outTradeNo)}/reverse` : `/v3/pay/transactions/out-trade-no/${enc(outTradeNo)}/reverse`,
  refund: () => '/v3/refund/domestic/refunds',
  refundQuery: (m: MerchantIds, outRefundNo: string) =>
    `/v3/refund/domestic/refunds/${enc(outRefundNo)}${partner(m) ? `?sub_mchid=${enc(m.subMchId!)}` : ''}`,
};

/** Whether an answer names this merchant (a paid answer for someone else's order is not ours). */
export function sameMerchant(m: MerchantIds, a: { appid?: string | undefined; mchid?: string | undefined; sp_mchid?: string | undefined; sp_appid?: string | undefined; sub_mchid?: string | undefined }): string | undefined {
  if (!partner(m)) {
    if (a.mchid !== undefined && a.mchid !== m.mchId) return `mchid ${a.mchid} ≠ ${m.mchId}`;
    if (a.appid !== undefined && a.appid !== m.appId) return `appid ${a.appid} ≠ ${m.appId}`;
    if (a.mchid === undefined) return 'the answer names no mchid';
    return undefined;
  }
  if (a.sp_mchid !== undefined && a.sp_mchid !== m.mchId) return `sp_mchid ${a.sp_mchid} ≠ ${m.mchId}`;
  if (a.sp_appid !== undefined && a.sp_appid !== m.appId) return `sp_appid ${a.sp_appid} ≠ ${m.appId}`;
  if (a.sub_mchid !== m.subMchId) return `sub_mchid ${a.sub_mchid ?? '(none)'} ≠ ${m.subMchId}`;
  return undefined;
}

/**
 * `scene_info` is required by the v3 schema (store_info.id). The store id falls back to the Alipay
 * store id, then "001"; the device id to the Alipay terminal id (issue 15).
 */
export function sceneInfo(o: { storeId?: string | undefined; deviceId?: string | undefined }): Record<string, unknown> {
  return { store_info: { id: o.storeId || '001' }, ...(o.deviceId ? { device_id: o.deviceId } : {}) };
}

/**
 * The signed-in cashier (issue 12). codepay's scene_info has no operator field (device_id,
 * device_ip, store_info{id, out_id}: wechat-pay.md §1.5), so the id travels in `attach`
 * (商户数据包, ≤127), which WeChat returns in queries and prints in the bill's 商户数据包 column.
 */
export function operatorAttach(operatorId: string | undefined): Record<string, string> {
  return operatorId ? { attach: `operator_id=${operatorId}` } : {};
}
