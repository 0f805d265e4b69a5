// An attempt whose provider was taken out of the config is neither settled by guesswork nor lost:
// recovery reports it with what to do, and it stays open (so no new sale starts over it).
import { afterEach, describe, expect, it } from 'vitest';
import { trainingTill, type TrainingTill } from '../helpers/trainingTill.ts';

let till: TrainingTill | undefined;
afterEach(async () => {
  await till?.close();
  till = undefined;
});

describe('recovery of an attempt whose provider is no longer configured', () => {
  it('does not throw, leaves the attempt open and names the provider', async () => {
    till = await trainingTill();
    const j = till.journal;
    j.createAttempt({ outTradeNo: 'TR20261201120000000042', provider: 'wechat', amountFen: 500, subject: '门店消费', codeHash: j.hashCode('134567890123456707'), codeLast4: '6707', training: true, createdAt: Date.now() }, { sending: true });
    const r = await till.checkout.recover();
    const p = r.payments.find((x) => x.outTradeNo === 'TR20261201120000000042')!;
    expect(p.status).toBe('UNKNOWN');
    expect(p.error).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED' });
    expect(p.error!.messageZh).toContain('微信');
    expect(j.getAttempt('TR20261201120000000042')!.state).toBe('SENT');
    await expect(till.checkout.recoverBeforeSale()).rejects.toMatchObject({ code: 'ATTEMPT_UNRESOLVED' });
  });
});
