// Issue 15: the settings screen imports the WeChat Pay keys as it does Alipay's — sealed in the
// data folder, never sent back to the screen — and a WeChat credential change needs the manager
// PIN (the same check as Alipay's, app/host/settingsChannel.ts + app/settings/ManagerPin.ts).
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../app/config/config.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { dispatch } from '../../app/ipc/dispatch.ts';
import { ManagerPin } from '../../app/settings/ManagerPin.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { keyFingerprint, SettingsStore } from '../../app/settings/SettingsStore.ts';
import { tempDir } from '../helpers/tempDir.ts';

const hosts: TillHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
function wechatKeys() {
  return {
    privateKeyPem: pair().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    wechatPayPublicKeyPem: pair().publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
const IDS = { mchId: '1900000109', appId: 'wx8888888888888888', certSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', wechatPayPublicKeyId: 'PUB_KEY_ID_0114232134912410000000000001' };
const body = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

async function openHost(dir: string): Promise<TillHost> {
  const host = new TillHost({ config: parseConfig({ dataDir: 'data' }, dir), box: filePermissionBox, push: () => {}, version: 'test', reconcileIntervalMs: 3_600_000 });
  hosts.push(host);
  await host.open();
  return host;
}

describe('WeChat Pay keys on the settings screen', () => {
  it('refuses a WeChat key change without the manager PIN, then seals the keys and never sends them back', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    new ManagerPin(join(dir, 'data')).set('2468');
    const keys = wechatKeys();
    const patch = { wechat: { ...IDS, ...keys } };

    const refused = await dispatch(host.handlers, 'pos:settings:set', patch);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', details: { pinSet: true } } });
    const change = (refused as unknown as { error: { details: { credentials: { changed: string[]; after: Record<string, string> } } } }).error.details.credentials;
    expect(change.changed).toEqual(['wechatIds', 'wechatPrivateKey', 'wechatPayPublicKey']);
    expect(change.after.wechatPrivateKey).toBe(keyFingerprint(keys.privateKeyPem));
    expect(readdirSync(join(dir, 'data', 'keys')).filter((f) => f.startsWith('wechat'))).toEqual([]);
    expect(await dispatch(host.handlers, 'pos:settings:set', { ...patch, managerPin: '1357' })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', details: { wrongPin: true } } });

    const saved = await dispatch(host.handlers, 'pos:settings:set', { ...patch, managerPin: '2468' });
    expect(saved).toMatchObject({ ok: true, data: { wechat: { ...IDS, hasPrivateKey: true, hasWechatPayPublicKey: true } } });
    const got = await dispatch(host.handlers, 'pos:settings:get', {});
    for (const answer of [JSON.stringify(saved), JSON.stringify(got), JSON.stringify(refused)]) {
      expect(answer).not.toContain('PRIVATE KEY');
      expect(answer).not.toContain(body(keys.privateKeyPem).slice(0, 40));
      expect(answer).not.toContain(body(keys.wechatPayPublicKeyPem).slice(0, 40));
    }
    // Sealed in keys/, named in settings.json, not in it.
    const settings = readFileSync(join(dir, 'data', 'settings.json'), 'utf8');
    expect(settings).not.toContain(body(keys.privateKeyPem).slice(0, 40));
    expect(readdirSync(join(dir, 'data', 'keys')).filter((f) => f.startsWith('wechat')).sort()).toHaveLength(2);
    expect(body(new SettingsStore(join(dir, 'data'), filePermissionBox).key('wechatPrivateKey')!)).toBe(body(keys.privateKeyPem));

    // Changing only an id is a credential change too.
    expect(await dispatch(host.handlers, 'pos:settings:set', { wechat: { certSerialNo: 'ABCDEF0123456789' } })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
  });

  it('lays the imported keys over the configuration when the till goes live, and refuses half a WeChat merchant', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, filePermissionBox);
    const config = parseConfig({ dataDir: '.' }, dir);
    const alipay = { appId: '2021009876543210', privateKeyPem: pair().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), alipayPublicKeyPem: pair().publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const keys = wechatKeys();
    expect(() => store.plan({ training: false, alipay, wechat: { mchId: IDS.mchId, ...keys } }, config)).toThrow(/live WeChat Pay needs wechat\.appId, wechat\.certSerialNo, wechat\.wechatPayPublicKeyId/);
    const plan = store.plan({ training: false, alipay, wechat: { ...IDS, ...keys } }, config);
    expect(plan.config.mode).toBe('live');
    expect(plan.config.wechat).toMatchObject({ ...IDS, baseUrl: 'https://api.mch.weixin.qq.com' });
    expect(body(plan.config.wechat!.privateKeyPem!)).toBe(body(keys.privateKeyPem));
    expect(body(plan.config.wechat!.wechatPayPublicKeyPem!)).toBe(body(keys.wechatPayPublicKeyPem));
    expect(() => store.plan({ wechat: { mchId: 'abc' } }, config)).toThrow();
  });
});
