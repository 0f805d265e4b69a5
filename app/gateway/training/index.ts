// The training gateway: a local stand-in for Alipay's v2 gateway.do, spoken to by the real
// alipay-sdk client, for training mode and the integration tests (docs/training-gateway.md).
export { startTrainingGateway, GATEWAY_PATH } from './server.ts';
export type { TrainingGateway, TrainingGatewayOptions, GatewayRequestRecord } from './server.ts';
export { behaviourForCode, describeCodeTable, CODE_TABLE, DEFAULT_PAYS_AFTER_MS, DEFAULT_SLOW_ANSWER_MS } from './behaviours.ts';
export type { Behaviour, CodeTableRow, CodeTableTimes } from './behaviours.ts';
export { loadTrainingKeys, TRAINING_KEYS_DIR } from './keys.ts';
export type { TrainingKeys } from './keys.ts';
export type { GatewayCall, TimingHooks } from './timing-hooks.ts';
export { mintTrainingCertChain, readTrainingCerts, trainingCertFiles } from './certs.ts';
export type { TrainingCertContents, TrainingCertFiles } from './certs.ts';
export { TRANSFER_TABLE, describeTransferTable } from './transfer-behaviours.ts';
