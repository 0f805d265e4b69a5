// A QR payment's receipt says how it was paid (issue 11): 支付方式 "微信支付 扫码支付" (or 支付宝's),
// from the journal's method; a scanned code's receipt is unchanged.
import { describe, expect, it } from 'vitest';
import { layoutReceipt } from '../../app/common/receipt/layout.ts';
import { layoutToText } from '../../app/common/receipt/plainText.ts';
import { receiptFor } from '../../app/printing/journalReceipts.ts';
import type { Till } from '../../app/till.ts';
import { saleReceipt } from '../printing/receipts.ts';
import { tempDir } from '../gateway/wechat/fixture.ts';
import { qrShown, scan, wechatQrTill } from './wechatTill.ts';

const text = (r: Parameters<typeof layoutReceipt>[0]) => layoutToText(layoutReceipt(r, 80));

describe('the receipt of a QR payment', () => {
  it('the layout prints 扫码支付 after the provider only for a QR payment', () => {
    expect(text(saleReceipt({ provider: 'wechat', method: 'qr' }))).toMatch(/微信支付 扫码支付/);
    expect(text(saleReceipt({ provider: 'alipay' }))).not.toMatch(/扫码支付/);
  });

  it('a WeChat QR payment from the journal prints 微信支付 扫码支付 and its transaction_id', async () => {
    const t = await wechatQrTill();
    const done = t.checkout.qr.start({ amount: '3.21', provider: 'wechat' });
    await scan((await qrShown(t.changes)).qr!.code);
    const r = await done;
    const till = { journal: t.journal, config: { shopName: '测试便利店', subject: '门店消费', alipay: {}, dataDir: tempDir() }, training: true } as unknown as Till;
    const receipt = receiptFor(till, r.outTradeNo, undefined, false);
    expect(receipt).toMatchObject({ type: 'sale', method: 'qr', provider: 'wechat', tradeNo: r.tradeNo });
    expect(text(receipt)).toMatch(/微信支付 扫码支付/);
  });
});
