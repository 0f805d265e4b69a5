// A Z (or a sign-in) made by another process on the till's data folder reaches the screens of the
// running till (issue 12): `pos report --kind Z` signs the cashier out in the file; the host,
// watching the folder, pushes pos:cashier:changed once, so no pill keeps showing a cashier who is
// no longer on duty. Real processes, a real data folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CashierView } from '../../app/common/ipc/cashierViews.ts';
import { parseConfig } from '../../app/config/config.ts';
import { startTrainingGateway, type TrainingGateway } from '../../app/gateway/training/index.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { dispatch } from '../../app/ipc/dispatch.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { CashierOnDuty } from '../../app/shift/CashierOnDuty.ts';
import { pos } from '../helpers/runPos.ts';
import { tempDir } from '../helpers/tempDir.ts';

let host: TillHost | undefined;
let sim: TrainingGateway | undefined;
afterEach(async () => {
  await host?.close();
  await sim?.close();
});

describe('the cashier on duty changed by another process', () => {
  it('pos report --kind Z in its own process: the open till pushes the sign-out to its screens, once', async () => {
    const dir = tempDir('till-outside-z-');
    sim = await startTrainingGateway({ storePath: join(dir, 'g.db') });
    const raw = { dataDir: 'data', alipay: { gateway: sim.url }, payment: { waitSeconds: 5 }, cashiers: { list: [{ id: '001', name: '张三' }] } };
    writeFileSync(join(dir, 'till.json'), JSON.stringify(raw));
    const heard: CashierView[] = [];
    let onHeard: (() => void) | undefined;
    host = new TillHost({
      config: parseConfig(raw, dir), box: filePermissionBox, version: 'test', reconcileIntervalMs: 3_600_000,
      push: (e, p) => {
        if (e !== 'pos:cashier:changed') return;
        heard.push(p as CashierView);
        onHeard?.();
      },
    });
    await host.open();
    const signedIn = await dispatch(host.handlers, 'pos:cashier:signIn', { id: '001' });
    expect(signedIn).toMatchObject({ ok: true, data: { cashier: { id: '001' } } });
    expect(heard.map((v) => v.cashier?.id ?? null)).toEqual(['001']);

    const signedOut = new Promise<void>((resolve) => {
      onHeard = () => heard.at(-1)?.cashier === null && resolve();
    });
    const z = await pos(['report', '--config', join(dir, 'till.json'), '--kind', 'Z', '--format', 'text']);
    expect(z.code).toBe(0);
    await signedOut;
    expect(heard.map((v) => v.cashier?.id ?? null)).toEqual(['001', null]);
    expect(heard.at(-1)).toMatchObject({ cashier: null, ask: true });

    // A sign-in written by another process (the file, as any till process writes it) is pushed too.
    const back = new Promise<void>((resolve) => {
      onHeard = () => heard.at(-1)?.cashier?.id === '001' && resolve();
    });
    new CashierOnDuty(join(dir, 'data'), parseConfig(raw, dir).cashiers).signIn('001', Date.now());
    await back;
    expect(heard.map((v) => v.cashier?.id ?? null)).toEqual(['001', null, '001']);
  });
});
