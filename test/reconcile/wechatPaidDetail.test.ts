// WeChat's paid answers over real HTTP (issue 12): the adapter reads amount.payer_total and
// promotion_detail from codepay's answer and from the order query alike, with who funded each
// promotion; the training gateway's codes …13 (merchant NOCASH coupon) and …14 (WeChat CASH
// promotion) answer them as WeChat does.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFen } from '../../app/common/money.ts';
import { paidLines } from '../../app/common/paidAmounts.ts';
import { TRAINING_APP_ID, TRAINING_CERT_SERIAL, TRAINING_MCH_ID, TRAINING_PUB_KEY_ID, loadWechatTrainingKeys } from '../../app/gateway/wechat/training/keys.ts';
import { startWechatTrainingGateway, type WechatTrainingGateway } from '../../app/gateway/wechat/training/server.ts';
import { WechatGateway } from '../../app/gateway/wechat/WechatGateway.ts';
import { tempDir } from '../helpers/tempDir.ts';

let sim: WechatTrainingGateway | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const keys = loadWechatTrainingKeys();
const code = (suffix: string) => `1345678901234567${suffix}`;

async function gateway(): Promise<WechatGateway> {
  sim = await startWechatTrainingGateway({ storePath: join(tempDir('till-wxpaid-'), 'wechat.db') });
  return new WechatGateway({
    baseUrl: sim.url, mchId: TRAINING_MCH_ID, appId: TRAINING_APP_ID, privateKey: keys.merchantPrivateKey, certSerialNo: TRAINING_CERT_SERIAL,
    wechatPayPublicKey: keys.wechatPayPublicKey, wechatPayPublicKeyId: TRAINING_PUB_KEY_ID, training: true, requestTimeoutMs: 3000,
  });
}

describe('WeChat paid answers: payer_total and promotion_detail', () => {
  it('a merchant-funded NOCASH coupon: customer and shop both 2.00 less, from pay and from query', async () => {
    const g = await gateway();
    const no = `WX${Date.now()}C`;
    const pay = await g.pay({ outTradeNo: no, authCode: code('13'), amountFen: checkFen(1000), subject: '门店消费', payTimeoutMinutes: 5 });
    expect(pay).toMatchObject({ kind: 'paid', paidDetail: { totalFen: 1000, buyerPayFen: 800, receiptFen: 800 } });
    const q = await g.query(no);
    expect(q).toMatchObject({ kind: 'status', status: 'paid', paidDetail: { totalFen: 1000, buyerPayFen: 800, receiptFen: 800 } });
    for (const d of [pay.kind === 'paid' ? pay.paidDetail : undefined, q.kind === 'status' ? q.paidDetail : undefined]) {
      expect(d?.discounts).toEqual([{ name: '培训商家券', source: 'promotion', amountFen: 200, merchantFen: 200, platformFen: 0, otherFen: 0, id: '10000000000000000001', type: 'NOCASH', scope: 'SINGLE' }]);
    }
  });

  it('a WeChat-funded CASH promotion: the customer pays 1.00 less, the shop receives the full total', async () => {
    const g = await gateway();
    const no = `WX${Date.now()}P`;
    await g.pay({ outTradeNo: no, authCode: code('14'), amountFen: checkFen(1000), subject: '门店消费', payTimeoutMinutes: 5 });
    const q = await g.query(no);
    const d = q.kind === 'status' ? q.paidDetail : undefined;
    expect(d).toMatchObject({ buyerPayFen: 900, receiptFen: 1000, discounts: [{ type: 'CASH', scope: 'GLOBAL', merchantFen: 0, platformFen: 100 }] });
    expect(paidLines(d ?? null).map((l) => [l.key, l.fen])).toEqual([['total', 1000], ['platformDiscount', -100], ['buyerPays', 900], ['shopReceives', 1000]]);
  });

  it('a plain payment: payer_total is the total and nothing more is shown', async () => {
    const g = await gateway();
    const pay = await g.pay({ outTradeNo: `WX${Date.now()}N`, authCode: code('00'), amountFen: checkFen(500), subject: '门店消费', payTimeoutMinutes: 5 });
    expect(pay).toMatchObject({ kind: 'paid', paidDetail: { totalFen: 500, buyerPayFen: 500, receiptFen: 500, discounts: [] } });
    expect(paidLines(pay.kind === 'paid' ? pay.paidDetail ?? null : null)).toEqual([]);
  });
});
