// Issue 10 items 3, 4, 5 and the settings half of 8, performed against a real TillHost on a real
// data folder (training gateway in process, SQLite journals). Before: one `settings:set` swapped the
// merchant (appId, keys, training off) with no confirmation, even with a payment open; a bad key was
// written before it was checked and kept the till closed across restarts; going live kept the
// training gateway under a LIVE label; ten parallel saves leaked ten journals and ten gateways.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../app/common/ipc/channels.ts';
import { LIVE_GATEWAY, parseConfig } from '../../app/config/config.ts';
import { loadTrainingKeys } from '../../app/gateway/training/keys.ts';
import { TillHost } from '../../app/host/TillHost.ts';
import { dispatch } from '../../app/ipc/dispatch.ts';
import { ManagerPin, MAX_WRONG_PINS, PIN_LOCK_MS } from '../../app/settings/ManagerPin.ts';
import { filePermissionBox } from '../../app/settings/SecretBox.ts';
import { keyFingerprint } from '../../app/settings/SettingsStore.ts';
import { tempDir } from '../helpers/tempDir.ts';

const hosts: TillHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

function merchantKeys() {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alipayPublicKeyPem: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

async function openHost(dir: string, o: { confirm?: ConstructorParameters<typeof TillHost>[0]['confirm'] } = {}): Promise<TillHost> {
  const host = new TillHost({ config: parseConfig({ dataDir: 'data' }, dir), box: filePermissionBox, push: () => {}, version: 'test', reconcileIntervalMs: 3_600_000, ...o });
  hosts.push(host);
  await host.open();
  return host;
}

const goLive = (keys: ReturnType<typeof merchantKeys>, managerPin?: string) => ({
  alipay: { appId: '2021009876543210', ...keys },
  training: false,
  ...(managerPin ? { managerPin } : {}),
});

const settingsFile = (dir: string) => join(dir, 'data', 'settings.json');
const snapshot = (dir: string) => (existsSync(settingsFile(dir)) ? readFileSync(settingsFile(dir), 'utf8') : null);

describe('changing the merchant (item 3)', () => {
  it('is refused without the manager PIN, and says which keys it would install', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    new ManagerPin(join(dir, 'data')).set('2468');
    const keys = merchantKeys();
    const before = snapshot(dir);
    const r = await dispatch(host.handlers, 'pos:settings:set', goLive(keys));
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', details: { pinSet: true } } });
    const credentials = (r as unknown as { error: { details: { credentials: { changed: string[]; before: object; after: object } } } }).error.details.credentials;
    expect(credentials.changed).toEqual(['mode', 'appId', 'privateKey', 'alipayPublicKey']);
    expect(credentials.before).toEqual({ mode: 'training', appId: null, privateKey: null, alipayPublicKey: null, wechatIds: null, wechatPrivateKey: null, wechatPayPublicKey: null });
    expect(credentials.after).toEqual({ mode: 'live', appId: '2021009876543210', privateKey: keyFingerprint(keys.privateKeyPem), alipayPublicKey: keyFingerprint(keys.alipayPublicKeyPem), wechatIds: null, wechatPrivateKey: null, wechatPayPublicKey: null });
    expect(keyFingerprint(keys.privateKeyPem)).toMatch(/^SHA256:([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    // Nothing was written; the till still trains.
    expect(snapshot(dir)).toBe(before);
    expect(host.till.training).toBe(true);
    expect(await dispatch(host.handlers, 'pos:settings:set', { ...goLive(keys), managerPin: '1357' })).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', details: { wrongPin: true } } });
    expect(host.till.training).toBe(true);
  });

  it('is refused when no PIN was ever set on the machine, and no channel can set one', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    expect(await dispatch(host.handlers, 'pos:settings:set', goLive(merchantKeys(), '0000'))).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED', details: { pinSet: false } } });
    expect(CHANNELS.filter((c) => /pin/i.test(c))).toEqual([]);
    // The PIN is not a setting: a page cannot write one through the settings.
    for (const patch of [{ managerPinHash: 'x' }, { pin: '1234' }, { alipay: { managerPin: '1234' } }]) {
      expect(await dispatch(host.handlers, 'pos:settings:set', patch), JSON.stringify(patch)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(existsSync(join(dir, 'data', 'keys', 'manager-pin.json'))).toBe(false);
  });

  it('locks the PIN after too many wrong ones, so a page cannot try them all', () => {
    const dir = tempDir();
    let now = 1_000_000;
    const pin = new ManagerPin(dir, () => now);
    pin.set('2468');
    for (let i = 0; i < MAX_WRONG_PINS; i++) expect(() => pin.verify(String(1000 + i))).toThrow(/wrong/);
    expect(() => pin.verify('2468')).toThrow(/too many wrong PINs/);
    now += PIN_LOCK_MS;
    expect(() => pin.verify('2468')).not.toThrow();
    // Kept as scrypt, not as the PIN.
    const stored = readFileSync(join(dir, 'keys', 'manager-pin.json'), 'utf8');
    expect(stored).not.toContain('2468');
    expect(JSON.parse(stored)).toMatchObject({ v: 1, N: 32768 });
  });

  it('goes live with the PIN, on Alipay\'s gateway, not the training gateway under a LIVE label (item 5)', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    new ManagerPin(join(dir, 'data')).set('2468');
    const r = await dispatch(host.handlers, 'pos:settings:set', goLive(merchantKeys(), '2468'));
    expect(r).toMatchObject({ ok: true, data: { mode: 'live', alipay: { appId: '2021009876543210' } } });
    expect(host.till.training).toBe(false);
    expect(host.till.config.alipay.gateway).toBe(LIVE_GATEWAY);
    // Keys at rest: only the till's user may read them (item 7).
    for (const f of readdirSync(join(dir, 'data', 'keys'))) expect(statSync(join(dir, 'data', 'keys', f)).mode & 0o077, f).toBe(0);
  });

  it('is refused while a payment is unresolved, even with the PIN', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    new ManagerPin(join(dir, 'data')).set('2468');
    host.till.journal.createAttempt({ outTradeNo: 'T_OPEN_1', provider: 'alipay', amountFen: 888, subject: 's', codeHash: 'h', codeLast4: '5600', training: true, createdAt: Date.now() });
    const before = snapshot(dir);
    expect(await dispatch(host.handlers, 'pos:settings:set', goLive(merchantKeys(), '2468'))).toMatchObject({ ok: false, error: { code: 'ATTEMPT_UNRESOLVED', details: { payments: 1 } } });
    expect(snapshot(dir)).toBe(before);
    expect(host.till.training).toBe(true);
    // Settings that do not touch the merchant still save.
    expect(await dispatch(host.handlers, 'pos:settings:set', { shopName: '新店名' })).toMatchObject({ ok: true, data: { shopName: '新店名' } });
  });

  it('asks the desktop app\'s own confirmation when it is given one, with the fingerprints', async () => {
    const dir = tempDir();
    const asked: unknown[] = [];
    let answer = false;
    const host = await openHost(dir, {
      confirm: async (change) => {
        asked.push(change);
        if (!answer) throw new Error('declined');
      },
    });
    const keys = merchantKeys();
    expect((await dispatch(host.handlers, 'pos:settings:set', goLive(keys))).ok).toBe(false);
    expect(host.till.training).toBe(true);
    answer = true;
    expect((await dispatch(host.handlers, 'pos:settings:set', goLive(keys))).ok).toBe(true);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({ after: { privateKey: keyFingerprint(keys.privateKeyPem) } });
  });
});

describe('saving settings (item 4)', () => {
  it('checks a bad key before writing anything; the till stays open and a restart opens too', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    new ManagerPin(join(dir, 'data')).set('2468');
    await dispatch(host.handlers, 'pos:settings:set', { shopName: '老店' });
    const before = snapshot(dir);
    const keysBefore = readdirSync(join(dir, 'data', 'keys')).sort();
    // The training gateway's public key where Alipay's belongs: the till refused to open with it.
    const bad = { ...merchantKeys(), alipayPublicKeyPem: loadTrainingKeys().gatewayPublicKey };
    const r = await dispatch(host.handlers, 'pos:settings:set', goLive(bad, '2468'));
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG' } });
    expect(snapshot(dir)).toBe(before);
    expect(readdirSync(join(dir, 'data', 'keys')).sort()).toEqual(keysBefore);
    expect(await dispatch(host.handlers, 'pos:till:info', {})).toMatchObject({ ok: true, data: { training: true, shopName: '老店' } });
    await host.close();
    const again = await openHost(dir);
    expect(again.till.training).toBe(true);
  });

  it('puts the old settings back when the till will not open with the new ones', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    new ManagerPin(join(dir, 'data')).set('2468');
    const before = snapshot(dir);
    // The live journal cannot be opened (a folder where the file should be): found only on opening.
    mkdirSync(join(dir, 'data', 'journal.db'));
    const r = await dispatch(host.handlers, 'pos:settings:set', goLive(merchantKeys(), '2468'));
    expect(r.ok).toBe(false);
    expect(snapshot(dir)).toBe(before);
    expect(readdirSync(join(dir, 'data', 'keys')).filter((f) => f.endsWith('.sealed'))).toEqual([]);
    expect(host.till.training).toBe(true);
    expect((await dispatch(host.handlers, 'pos:till:info', {})).ok).toBe(true);
  });

  it('still answers while the till is closed, so it can be repaired', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    await host.close();
    expect(await dispatch(host.handlers, 'pos:settings:get', {})).toMatchObject({ ok: true, data: { mode: 'training' } });
    expect(await dispatch(host.handlers, 'pos:settings:set', { shopName: '修好了' })).toMatchObject({ ok: true, data: { shopName: '修好了' } });
    // Saving opened the till again.
    expect(await dispatch(host.handlers, 'pos:till:info', {})).toMatchObject({ ok: true, data: { shopName: '修好了' } });
  });

  it('writes settings.json by rename, leaving no temporary files, readable only by the till\'s user', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    await dispatch(host.handlers, 'pos:settings:set', { shopName: 'a' });
    expect(readdirSync(join(dir, 'data')).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(statSync(settingsFile(dir)).mode & 0o777).toBe(0o600);
  });
});

/** Open file descriptors of this process on a journal file (Linux /proc). */
function journalHandles(): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return /journal[^/]*\.db$/.test(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      return false;
    }
  }).length;
}

describe('parallel saves (item 8)', () => {
  it('run one at a time: ten at once leave one journal open, not ten', async () => {
    const dir = tempDir();
    const host = await openHost(dir);
    const handlesBefore = journalHandles();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => dispatch(host.handlers, 'pos:settings:set', { shopName: `店${i}` })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(journalHandles()).toBe(handlesBefore);
    expect(host.till.config.shopName).toBe('店9');
  });
});
