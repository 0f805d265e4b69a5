// The WeChat Pay training gateway: a local stand-in for api.mch.weixin.qq.com's v3 付款码 and Native
// QR paths (with the customer's scan page), spoken to by the real WeChat adapter, for training mode
// and the integration tests.
export { startWechatTrainingGateway, WECHAT_QR_SCAN_PATH } from './server.ts';
export type { ExtraAnswer, WechatTrainingGateway, WechatTrainingGatewayOptions, WechatRequestRecord } from './server.ts';
export { WECHAT_CODE_TABLE, WECHAT_QR_AMOUNT_TABLE, wechatQrBehaviourForAmount, describeWechatCodeTable, wechatBehaviourForCode, DEFAULT_PAYS_AFTER_MS, DEFAULT_SLOW_ANSWER_MS } from './behaviours.ts';
export type { WechatBehaviour, WechatCodeRow } from './behaviours.ts';
export { loadWechatTrainingKeys, WECHAT_TRAINING_KEYS_DIR, TRAINING_MCH_ID, TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_PUB_KEY_ID, TRAINING_PLATFORM_SERIAL } from './keys.ts';
export type { WechatTrainingKeys } from './keys.ts';
