// What the CLI and the receipt say about a WeChat sale (TRY items 5, 9, 17), in real processes
// against a WeChat training gateway outside them: the not-for-promotions part is said not to have
// gone to WeChat, 顾客实付 is printed when a promotion applied, the training banner names WeChat
// Pay, the QR prompt names the app to scan with, and the receipt prints WeChat's RFC 3339 payment
// time like Alipay's and the cashier with the shop's name for them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSim, tempDir } from '../gateway/wechat/fixture.ts';
import { pos, startPos } from '../helpers/runPos.ts';

async function setUp(extra: Record<string, unknown> = {}): Promise<string> {
  const dir = tempDir();
  const sim = await startSim();
  const config = join(dir, 'till.json');
  writeFileSync(config, JSON.stringify({ dataDir: 'data', wechat: { baseUrl: sim.url }, payment: { pollIntervalMs: 200, requestTimeoutMs: 3000 }, ...extra }));
  return config;
}

/** WeChat training code …13: pays at once with a 2.00 merchant coupon. */
const COUPON = '134567890123456713';
const PLAIN = '134567890123456700';

describe('pos pay with a WeChat code', () => {
  it('--undiscountable: says the part was not sent to WeChat, and prints 顾客实付 when a coupon applied (text and --json)', async () => {
    const config = await setUp();
    const text = await pos(['pay', '--config', config, '--amount', '30.00', '--undiscountable', '10.00', '--code', COUPON]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^SUCCESS .*wechat/m);
    expect(text.stdout).toMatch(/不参与优惠 not for promotions\s+[¥￥]10\.00/);
    expect(text.stdout).toContain('not sent to WeChat');
    expect(text.stdout).toContain('未发送给微信');
    expect(text.stdout).toMatch(/顾客实付 .*\s[¥￥]28\.00/);
    const json = await pos(['pay', '--config', config, '--json', '--amount', '30.00', '--undiscountable', '10.00', '--code', COUPON]);
    expect(json.code).toBe(0);
    expect(json.json).toMatchObject({ status: 'SUCCESS', provider: 'wechat', undiscountable: '10.00', paid: { buyerPays: '28.00' }, undiscountableNotSent: { messageZh: expect.stringContaining('未发送给微信') } });
  });

  it('without a part and without a promotion: no note, no amount lines', async () => {
    const config = await setUp();
    const r = await pos(['pay', '--config', config, '--amount', '5.00', '--code', PLAIN]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('WeChat');
    expect(r.stdout).not.toContain('顾客实付');
  });

  it('the training banner names WeChat Pay, not "no Alipay credentials"', async () => {
    const config = await setUp();
    const r = await pos(['pay', '--config', config, '--amount', '5.00', '--code', PLAIN]);
    expect(r.stderr).toMatch(/TRAINING MODE 培训模式 — WeChat Pay goes to its training gateway/);
    expect(r.stderr).toContain('微信支付为培训网关');
    expect(r.stderr).not.toContain('no Alipay credentials');
    const no = /out_trade_no (\S+)/.exec(r.stdout)![1]!;
    const q = await pos(['query', '--config', config, '--out-trade-no', no]);
    expect(q.stderr).toMatch(/WeChat Pay goes to its training gateway/);
  });

  it('the QR prompt says which app scans it', async () => {
    const config = await setUp();
    const p = startPos(['pay', '--qr', '--provider', 'wechat', '--config', config, '--amount', '12.34']);
    let err = '';
    await new Promise<void>((resolve) => p.child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('过期')) resolve();
    }));
    p.child.kill('SIGKILL');
    await p.done;
    expect(err).toMatch(/scan to pay [¥￥]12\.34 with WeChat 请扫码支付（微信）/);
  });
});

describe('the receipt of a WeChat sale', () => {
  it('prints the payment time as yyyy-MM-dd HH:mm:ss (not RFC 3339) and the cashier with the shop\'s name', async () => {
    const config = await setUp({ cashiers: { list: [{ id: '001', name: '张三' }, { id: '002' }] } });
    const paid = await pos(['pay', '--config', config, '--json', '--amount', '12.34', '--code', PLAIN, '--operator', '001']);
    expect(paid.code).toBe(0);
    const r = await pos(['receipt', '--config', config, '--out-trade-no', String(paid.json!.outTradeNo), '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/支付时间\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s*$/m);
    expect(r.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(r.stdout).toMatch(/收银员\s+张三 001/);
    // An id the list does not name prints as the id.
    const other = await pos(['pay', '--config', config, '--json', '--amount', '1.00', '--code', PLAIN, '--operator', '002']);
    const r2 = await pos(['receipt', '--config', config, '--out-trade-no', String(other.json!.outTradeNo), '--format', 'text']);
    expect(r2.stdout).toMatch(/收银员\s+002\s*$/m);
  });
});
