// The whole shell, started with fakes of every Electron object and the real core in training mode
// (training gateway on loopback, SQLite journal in a temp folder).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../app/common/ipc/channels.ts';
import { TRAINING_KEYS_DIR } from '../../app/gateway/training/keys.ts';
import { FakeScanSource } from '../../app/scanner/fake-source.ts';
import { keyFingerprint } from '../../app/settings/SettingsStore.ts';
import { startShell, type Shell } from '../../main/shell.ts';
import { shopLogoPng } from '../helpers/logoPng.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { fakeElectron, ipcEvent, PRIMARY, SECOND, type FakeElectron } from './fakes.ts';

const opened: Shell[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) {
    await s.scanner.stop();
    await s.host.close();
  }
});

async function start(o: { displays?: typeof PRIMARY[]; lock?: boolean; configFile?: object; beforeStart?: (workDir: string) => void } = {}) {
  const workDir = tempDir('till-shell-');
  if (o.configFile) writeFileSync(join(workDir, 'till.config.json'), JSON.stringify(o.configFile));
  o.beforeStart?.(workDir);
  const e = fakeElectron({ userData: workDir, displays: o.displays ?? [PRIMARY] });
  if (o.lock === false) e.app.lockAvailable = false;
  const log: string[] = [];
  const scanner = new FakeScanSource();
  const shell = await startShell(e, {
    distDir: join(workDir, 'dist'),
    workDir,
    configPath: undefined,
    log: (m) => log.push(m),
    scanSources: { hid: async () => scanner, serial: async () => scanner },
  });
  if (shell) opened.push(shell);
  return { e, shell, log, workDir, scanner };
}

/** Calls a channel the way the cashier's page does. */
function call(e: FakeElectron, channel: string, arg: unknown = {}) {
  const page = e.windows[0]!;
  return e.ipcMain.invoke(channel, ipcEvent(page.webContents, 'app://pos/index.html'), arg) as Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>;
}

const PRIVATE_KEY = readFileSync(join(TRAINING_KEYS_DIR, 'till-private-pkcs8.pem'), 'utf8');
const PUBLIC_KEY = readFileSync(join(TRAINING_KEYS_DIR, 'gateway-public.pem'), 'utf8');
/** The base64 body of a PEM: what must never appear in anything the renderer receives. */
const bodyOf = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

describe('startShell', () => {
  it('as a second instance, quits without opening a window, registering IPC or touching the journal', async () => {
    const { e, shell, workDir } = await start({ lock: false });
    expect(shell).toBeNull();
    expect(e.app.quitCalls).toBe(1);
    expect(e.windows).toHaveLength(0);
    expect(e.ipcMain.handlers.size).toBe(0);
    expect(existsSync(join(workDir, '.till'))).toBe(false);
  });

  it('registers app:// before the app is ready and serves the renderer from it with the CSP', async () => {
    const { e } = await start();
    expect(e.protocol.registered).toMatchObject([{ scheme: 'app', appWasReady: false }]);
    expect([...e.session.defaultSession.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('opens the cashier’s window on app://pos, locked down before any page loads', async () => {
    const { e } = await start();
    expect(e.windows).toHaveLength(1);
    const win = e.windows[0]!;
    expect(win.loaded).toEqual(['app://pos/index.html']);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(win.webContents.attempt('will-navigate', 'https://evil.example/')).toBe(false);
    expect(win.webContents.attemptWindowOpen()).toBe(false);
    expect(e.session.defaultSession.requestPermission('media')).toBe(false);
  });

  it('locks down every webContents created later too, such as the OS printer’s hidden window', async () => {
    const { e } = await start();
    const later = new e.BrowserWindow({ show: false });
    expect(later.webContents.attempt('will-navigate')).toBe(false);
    expect(later.webContents.attemptWindowOpen()).toBe(false);
  });

  it('serves the contract’s channels to the till’s windows only', async () => {
    const { e, log } = await start();
    expect([...e.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const info = await call(e, 'pos:till:info');
    expect(info).toMatchObject({ ok: true, data: { training: true, version: '0.1.0-test' } });
    const stranger = new e.BrowserWindow({});
    const r = (await e.ipcMain.invoke('pos:till:info', ipcEvent({ id: stranger.webContents.id + 1000 }, 'app://pos/index.html'))) as { ok: boolean };
    expect(r.ok).toBe(false);
    expect(log.some((l) => l.includes('refused pos:till:info'))).toBe(true);
  });

  it('opens the customer display on the second monitor; it hears the customer view and may call nothing (issue 10 item 2)', async () => {
    const { e, scanner } = await start({ displays: [PRIMARY, SECOND] });
    expect(e.windows.map((w) => w.loaded[0])).toEqual(['app://pos/index.html', 'app://pos/customer.html']);
    const [cashier, customer] = [e.windows[0]!, e.windows[1]!];
    expect(await call(e, 'pos:till:info')).toMatchObject({ ok: true });
    // The attack: the customer window's page (or anyone who gets script into it) pays, refunds, re-keys.
    for (const [channel, req] of [['pos:till:info', {}], ['pos:payment:start', { amount: '8.88', code: '287654321012345600' }], ['pos:refund:start', { outTradeNo: 'T1', amount: '8.88' }], ['pos:settings:set', { training: false }]] as const) {
      const r = await e.ipcMain.invoke(channel, ipcEvent(customer.webContents, 'app://pos/customer.html'), req);
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    }

    const paid = await call(e, 'pos:payment:start', { amount: '12.34', code: '287654321012345600' });
    expect(paid).toMatchObject({ ok: true, data: { status: 'SUCCESS', amount: '12.34' } });
    expect(cashier.webContents.sent.some((m) => m.channel === 'pos:payment:changed')).toBe(true);
    expect(new Set(customer.webContents.sent.map((m) => m.channel))).toEqual(new Set(['pos:customer:changed']));
    expect(JSON.stringify(customer.webContents.sent)).not.toContain('5600');
    expect(scanner).toBeDefined();
  });

  it('tells the customer display what to show as soon as its page has loaded, and after a reload: training strip, shop name, logo (issue 9 item 15)', async () => {
    const workLogo = shopLogoPng();
    const { e } = await start({ displays: [PRIMARY, SECOND], configFile: { shop: { name: '测试便利店', logoPath: 'logo.png' } }, beforeStart: (dir) => writeFileSync(join(dir, 'logo.png'), workLogo) });
    const [cashier, customer] = [e.windows[0]!, e.windows[1]!];
    await new Promise((r) => setImmediate(r));
    const greetings = () => customer.webContents.sent.filter((m) => m.channel === 'pos:customer:changed').map((m) => m.args[0]);
    expect(greetings()).toEqual([{ idle: true, training: true, shopName: '测试便利店', logo: `data:image/png;base64,${workLogo.toString('base64')}` }]);
    customer.webContents.emit('did-finish-load');
    expect(greetings()).toHaveLength(2);
    expect(cashier.webContents.sent.some((m) => m.channel === 'pos:customer:changed')).toBe(false);
  });

  it('refuses to start with a logo that is not a PNG or JPEG, saying why in both languages', async () => {
    const workDir = tempDir('till-shell-');
    writeFileSync(join(workDir, 'till.config.json'), JSON.stringify({ shop: { logoPath: 'logo.svg' } }));
    writeFileSync(join(workDir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const e = fakeElectron({ userData: workDir });
    await expect(startShell(e, { distDir: join(workDir, 'dist'), workDir, configPath: undefined, log: () => {} })).rejects.toThrow(/SVG is not accepted/);
    expect(e.errorBoxes[0]!.content).toMatch(/logo\.svg: SVG is not accepted/);
  });

  it('closes the customer display with the cashier’s window, and quits when all are closed', async () => {
    const { e } = await start({ displays: [PRIMARY, SECOND] });
    e.windows[0]!.destroy();
    expect(e.windows[1]!.destroyed).toBe(true);
    e.app.emit('window-all-closed');
    expect(e.app.quitCalls).toBe(1);
  });

  it('opens the scanner the settings name and pushes its codes; changing the settings re-opens it', async () => {
    const { e, scanner } = await start();
    const page = e.windows[0]!.webContents;
    expect(page.sent.filter((m) => m.channel === 'pos:scanner:status').at(-1)?.args[0]).toMatchObject({ source: 'wedge', state: 'connected' });
    const set = await call(e, 'pos:settings:set', { scanner: { source: 'serial', path: '/dev/ttyACM0' } });
    expect(set).toMatchObject({ ok: true, data: { scanner: { source: 'serial', path: '/dev/ttyACM0' } } });
    expect(page.sent.filter((m) => m.channel === 'pos:scanner:status').at(-1)?.args[0]).toMatchObject({ source: 'serial', state: 'connected' });
    scanner.scan('287654321012345600');
    expect(page.sent.filter((m) => m.channel === 'pos:scanner:scanned').map((m) => m.args[0])).toEqual([
      expect.objectContaining({ code: '287654321012345600', provider: 'alipay', accepted: true }),
    ]);
  });

  it('prints a receipt on an OS printer through a hidden, script-less window at the paper’s size', async () => {
    const { e } = await start();
    expect(await call(e, 'pos:settings:set', { printer: { url: 'os:XP-58', paperWidthMm: 58, printOnSuccess: false } })).toMatchObject({ ok: true });
    const paid = await call(e, 'pos:payment:start', { amount: '8.00', code: '287654321012345600' });
    const outTradeNo = (paid.data as { outTradeNo: string }).outTradeNo;
    const printed = await call(e, 'pos:receipt:print', { outTradeNo });
    expect(printed).toEqual({ ok: true, data: { printed: true } });
    const printWindow = e.windows.find((w) => w.webContents.printed.length > 0)!;
    expect(printWindow.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true } });
    expect(printWindow.webContents.printed[0]).toMatchObject({ silent: true, deviceName: 'XP-58', pageSize: { width: 58000 } });
    expect(decodeURIComponent(printWindow.loaded[0]!)).toContain(outTradeNo);
    expect(printWindow.destroyed).toBe(true);
  });

  it('prints a refund’s receipt with what was refunded and what is left', async () => {
    const { e } = await start();
    await call(e, 'pos:settings:set', { printer: { url: 'os:XP-80', paperWidthMm: 80, printOnSuccess: false } });
    const paid = await call(e, 'pos:payment:start', { amount: '10.00', code: '287654321012345600' });
    const outTradeNo = (paid.data as { outTradeNo: string }).outTradeNo;
    const refund = await call(e, 'pos:refund:start', { outTradeNo, amount: '2.50' });
    expect(refund).toMatchObject({ ok: true, data: { status: 'SUCCESS' } });
    const outRequestNo = (refund.data as { outRequestNo: string }).outRequestNo;
    expect(await call(e, 'pos:receipt:print', { outTradeNo, outRequestNo })).toEqual({ ok: true, data: { printed: true } });
    const text = decodeURIComponent(e.windows.find((w) => w.webContents.printed.length > 0)!.loaded[0]!).replace(/<[^>]*>/g, '');
    expect(text).toContain(outRequestNo);
    expect(text).toMatch(/本次退款\s*￥2\.50/);
    expect(text).toMatch(/剩余可退\s*￥7\.50/);
    expect(await call(e, 'pos:receipt:print', { outTradeNo, outRequestNo: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('says so when no printer is set up', async () => {
    const { e } = await start();
    const paid = await call(e, 'pos:payment:start', { amount: '1.00', code: '287654321012345600' });
    const r = await call(e, 'pos:receipt:print', { outTradeNo: (paid.data as { outTradeNo: string }).outTradeNo });
    expect(r).toMatchObject({ ok: false, error: { code: 'PRINTER_OFFLINE' } });
  });

  it('shows why the till cannot start and quits, for a broken configuration', async () => {
    const workDir = tempDir('till-shell-');
    writeFileSync(join(workDir, 'till.config.json'), '{"alipay":{"appId":"2021000000000001"}}');
    const e = fakeElectron({ userData: workDir });
    await expect(startShell(e, { distDir: join(workDir, 'dist'), workDir, configPath: undefined, log: () => {} })).rejects.toThrow(/privateKeyPath/);
    expect(e.errorBoxes).toHaveLength(1);
    expect(e.errorBoxes[0]!.content).toMatch(/alipay\.privateKeyPath/);
    expect(e.app.quitCalls).toBe(1);
    expect(e.windows).toHaveLength(0);
  });
});

describe('keys imported on the settings screen', () => {
  it('are sealed with safeStorage on disk and never appear in any IPC result or push', async () => {
    const { e, workDir } = await start();
    // main's native dialog confirms the change of credentials (issue 10 item 3): the page cannot.
    e.answers.push(1);
    const set = await call(e, 'pos:settings:set', { alipay: { appId: '2021000000000001', privateKeyPem: PRIVATE_KEY, alipayPublicKeyPem: PUBLIC_KEY } });
    expect(set).toMatchObject({ ok: true, data: { alipay: { appId: '2021000000000001', hasPrivateKey: true, hasAlipayPublicKey: true } } });
    expect(e.messageBoxes).toHaveLength(1);
    expect(e.messageBoxes[0]!.detail).toContain(keyFingerprint(PRIVATE_KEY));
    expect(e.messageBoxes[0]!.detail).toContain(keyFingerprint(PUBLIC_KEY));

    // The journal's code-hash secret is sealed the same way (issue 10 item 7), beside the two keys.
    const [secrets, keys] = [e.safeStorage.sealedTexts.filter((t) => /^[0-9a-f]{64}$/.test(t)), e.safeStorage.sealedTexts.filter((t) => !/^[0-9a-f]{64}$/.test(t))];
    expect(secrets).toHaveLength(1);
    expect(existsSync(join(workDir, '.till', 'keys', 'journal-training.db.code-hash.os-keychain'))).toBe(true);
    expect(keys.map(bodyOf).sort()).toEqual([bodyOf(PRIVATE_KEY), bodyOf(PUBLIC_KEY)].sort());
    const keysDir = join(workDir, '.till', 'keys');
    const onDisk = readdirSync(keysDir).filter((f) => /^(privateKey|alipayPublicKey)\./.test(f)).map((f) => readFileSync(join(keysDir, f)));
    expect(onDisk).toHaveLength(2);
    for (const sealed of onDisk) {
      expect(sealed.subarray(0, 3).toString()).toBe('v10');
      expect(sealed.toString('latin1')).not.toContain('PRIVATE KEY');
      expect(sealed.toString('latin1')).not.toContain(bodyOf(PRIVATE_KEY).slice(0, 40));
    }

    const results: unknown[] = [set];
    const paid = await call(e, 'pos:payment:start', { amount: '3.00', code: '287654321012345600' });
    const outTradeNo = (paid.data as { outTradeNo: string }).outTradeNo;
    const args: Record<string, unknown> = { 'pos:payment:query': { outTradeNo }, 'pos:payment:detail': { outTradeNo }, 'pos:refund:start': { outTradeNo, amount: '1.00' }, 'pos:receipt:print': { outTradeNo } };
    for (const channel of CHANNELS.filter((c) => c !== 'pos:settings:set')) results.push(await call(e, channel, args[channel] ?? {}));
    const pushed = e.windows.flatMap((w) => w.webContents.sent);
    const everything = JSON.stringify([results, pushed]);
    for (const pem of [PRIVATE_KEY, PUBLIC_KEY]) {
      const body = bodyOf(pem);
      for (let i = 0; i + 40 <= body.length; i += 40) expect(everything).not.toContain(body.slice(i, i + 40));
    }
    expect(everything).not.toMatch(/BEGIN (PRIVATE|PUBLIC) KEY/);
  });

  it('are refused, and nothing written, where the OS offers no encryption', async () => {
    const { e, workDir } = await start();
    e.safeStorage.available = false;
    const r = await call(e, 'pos:settings:set', { alipay: { privateKeyPem: PRIVATE_KEY } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_CONFIG' } });
    expect(r.error!.message).toMatch(/cannot be stored.*isEncryptionAvailable/);
    expect(existsSync(join(workDir, '.till', 'keys', 'privateKey.sealed'))).toBe(false);
    expect(e.messageBoxes).toHaveLength(0);
  });

  it('are not installed when the native dialog is declined, whatever the page sends', async () => {
    const { e, workDir } = await start();
    const r = await call(e, 'pos:settings:set', { alipay: { appId: '2021000000000001', privateKeyPem: PRIVATE_KEY, alipayPublicKeyPem: PUBLIC_KEY }, managerPin: '1234' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(e.messageBoxes).toHaveLength(1);
    expect(existsSync(join(workDir, '.till', 'settings.json'))).toBe(false);
  });
});
