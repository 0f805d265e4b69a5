// The inner objects of gateway answers, with Alipay's codes and msg texts (barcode-pay.md "Codes").
// Keys are snake_case and amounts are yuan strings, as on the wire.

export type Inner = { code: string; msg: string; sub_code?: string; sub_msg?: string } & Record<string, unknown>;

export function success(fields: Record<string, unknown> = {}): Inner {
  return { code: '10000', msg: 'Success', ...fields };
}

export function payInProcess(fields: Record<string, unknown>): Inner {
  return { code: '10003', msg: 'order success pay inprocess', ...fields };
}

export function businessFailed(subCode: string, subMsg: string, fields: Record<string, unknown> = {}): Inner {
  return { code: '40004', msg: 'Business Failed', sub_code: subCode, sub_msg: subMsg, ...fields };
}

export function systemError(): Inner {
  return { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'ACQ.SYSTEM_ERROR', sub_msg: '系统繁忙' };
}

export function missingArgument(subCode: string, subMsg: string): Inner {
  return { code: '40001', msg: 'Missing Required Arguments', sub_code: subCode, sub_msg: subMsg };
}

export function invalidArgument(subCode: string, subMsg: string): Inner {
  return { code: '40002', msg: 'Invalid Arguments', sub_code: subCode, sub_msg: subMsg };
}

export const tradeNotExist = (fields: Record<string, unknown> = {}) => businessFailed('ACQ.TRADE_NOT_EXIST', '交易不存在', fields);
export const tradeStatusError = (fields: Record<string, unknown> = {}) => businessFailed('ACQ.TRADE_STATUS_ERROR', '交易状态不合法', fields);

/** Thrown by a method handler when the request itself is wrong; its answer goes back as is. */
export class Refusal extends Error {
  readonly answer: Inner;
  constructor(answer: Inner) {
    super(`${answer.code} ${answer.sub_code ?? ''} ${answer.sub_msg ?? ''}`);
    this.name = 'Refusal';
    this.answer = answer;
  }
}
