// What the training gateway does with a red packet, picked by the amount's last two fen digits
// (a promotion of ¥2.03 rehearses "system error, money sent"). docs/training-gateway.md prints it.

export type TransferBehaviour =
  | { kind: 'sends' }
  | { kind: 'refuses'; subCode: string; subMsg: string }
  | { kind: 'system-error-but-sent' }
  | { kind: 'slow-answer' }
  | { kind: 'forged-cert-sn' };

export type TransferTableRow = { fen: string; what: string; behaviour: TransferBehaviour };

export const TRANSFER_TABLE: readonly TransferTableRow[] = [
  { fen: '00', what: 'sent (10000 SUCCESS); so is every ending not listed here', behaviour: { kind: 'sends' } },
  { fen: '01', what: 'refused: PAYER_BALANCE_NOT_ENOUGH (the merchant\'s balance is too low)', behaviour: { kind: 'refuses', subCode: 'PAYER_BALANCE_NOT_ENOUGH', subMsg: '付款方余额不足' } },
  { fen: '02', what: 'refused: PAYEE_NOT_EXIST (no such payee)', behaviour: { kind: 'refuses', subCode: 'PAYEE_NOT_EXIST', subMsg: '收款账号不存在' } },
  { fen: '03', what: 'sent, but answers 40004 SYSTEM_ERROR', behaviour: { kind: 'system-error-but-sent' } },
  { fen: '04', what: 'sent, answers only after slowAnswerMs', behaviour: { kind: 'slow-answer' } },
  { fen: '05', what: 'never sent, but answers SUCCESS naming an Alipay certificate serial the till does not hold', behaviour: { kind: 'forged-cert-sn' } },
];

export function transferBehaviourFor(amountFen: number): TransferBehaviour {
  const fen = String(amountFen % 100).padStart(2, '0');
  return (TRANSFER_TABLE.find((r) => r.fen === fen) ?? TRANSFER_TABLE[0]!).behaviour;
}

export function describeTransferTable(): string {
  return TRANSFER_TABLE.map((r) => `  ¥x.${r.fen}  ${r.what}`).join('\n');
}
