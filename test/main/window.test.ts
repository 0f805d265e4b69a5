import { describe, expect, it } from 'vitest';
import { customerDisplay, openCustomerWindow } from '../../main/customerWindow.ts';
import { claimSingleInstance } from '../../main/singleInstance.ts';
import { focusWindow, lockDownSession, lockDownWebContents, openTillWindow, secureWebPreferences } from '../../main/window.ts';
import { FakeApp, fakeBrowserWindowClass, FakeSession, FakeWebContents, PRIMARY, SECOND } from './fakes.ts';

const WINDOW = { preloadPath: '/app/dist/preload.cjs', devTools: false };
const noHooks = { onLoadFailed: () => {} };

describe('secureWebPreferences', () => {
  it('isolates the page from Node and from its preload', () => {
    expect(secureWebPreferences(WINDOW)).toMatchObject({
      preload: '/app/dist/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });
});

describe('openTillWindow', () => {
  it('opens the page with the secure preferences and shows it only once it has loaded', async () => {
    const BrowserWindow = fakeBrowserWindowClass();
    const loaded: string[] = [];
    const win = openTillWindow(BrowserWindow, { ...WINDOW, url: 'app://pos/index.html', title: 'till' }, { onLoaded: () => loaded.push('yes'), onLoadFailed: () => {} });
    const fake = BrowserWindow.created[0]!;
    expect(win).toBe(fake);
    expect(fake.options.show).toBe(false);
    expect(fake.options.webPreferences).toEqual(secureWebPreferences(WINDOW));
    expect(fake.loaded).toEqual(['app://pos/index.html']);
    await Promise.resolve();
    expect(fake.shown).toBe(true);
    expect(loaded).toEqual(['yes']);
  });

  it('reports a page that fails to load instead of showing an empty window', async () => {
    const BrowserWindow = fakeBrowserWindowClass({ loadFails: true });
    const failures: unknown[] = [];
    openTillWindow(BrowserWindow, { ...WINDOW, url: 'app://pos/index.html', title: 'till' }, { onLoadFailed: (e) => failures.push(e) });
    await new Promise((r) => setImmediate(r));
    expect(failures).toHaveLength(1);
    expect(BrowserWindow.created[0]!.shown).toBe(false);
  });
});

describe('lockDownWebContents', () => {
  it('denies every navigation, redirect and frame navigation the page attempts, to any URL', () => {
    const wc = new FakeWebContents();
    lockDownWebContents(wc);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://pos/index.html', 'javascript:alert(1)']) {
        expect(wc.attempt(event, url), `${event} ${url}`).toBe(false);
      }
    }
  });

  it('denies new windows and <webview> tags', () => {
    const wc = new FakeWebContents();
    lockDownWebContents(wc);
    expect(wc.attemptWindowOpen('https://evil.example/')).toBe(false);
    expect(wc.attemptWindowOpen('app://pos/index.html')).toBe(false);
    expect(wc.attempt('will-attach-webview')).toBe(false);
  });
});

describe('lockDownSession', () => {
  it('refuses every permission request and check, and every device (WebHID, WebSerial, WebUSB)', () => {
    const session = new FakeSession();
    expect(session.requestPermission('media')).toBe(true); // Electron's default, before the lock-down
    lockDownSession(session);
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(session.requestPermission(p), p).toBe(false);
      expect(session.permissionCheck!({}, p), p).toBe(false);
    }
    expect(session.devicePermission!({ deviceType: 'hid', origin: 'app://pos' })).toBe(false);
  });
});

describe('claimSingleInstance', () => {
  it('quits at once when another till holds the lock', () => {
    const app = new FakeApp('/tmp');
    app.lockAvailable = false;
    const focused: string[] = [];
    expect(claimSingleInstance(app, () => focused.push('x'))).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.count('second-instance')).toBe(0);
  });

  it('keeps the lock and brings the till forward when it is started again', () => {
    const app = new FakeApp('/tmp');
    const BrowserWindow = fakeBrowserWindowClass();
    const win = new BrowserWindow({});
    win.minimized = true;
    expect(claimSingleInstance(app, () => focusWindow(win))).toBe(true);
    expect(app.quitCalls).toBe(0);
    app.emit('second-instance');
    expect(win).toMatchObject({ minimized: false, shown: true, focused: true });
  });
});

describe('the customer window', () => {
  it('is not opened when there is only one display', () => {
    const BrowserWindow = fakeBrowserWindowClass();
    const screen = { getAllDisplays: () => [PRIMARY], getPrimaryDisplay: () => PRIMARY };
    expect(customerDisplay(screen)).toBeNull();
    expect(openCustomerWindow(BrowserWindow, screen, WINDOW, noHooks)).toBeNull();
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('fills the second display with customer.html, as locked down as the cashier’s window', () => {
    const BrowserWindow = fakeBrowserWindowClass();
    // The primary display is not always listed first.
    const screen = { getAllDisplays: () => [SECOND, PRIMARY], getPrimaryDisplay: () => PRIMARY };
    const win = openCustomerWindow(BrowserWindow, screen, WINDOW, noHooks);
    const fake = BrowserWindow.created[0]!;
    expect(win).toBe(fake);
    expect(fake.loaded).toEqual(['app://pos/customer.html']);
    expect(fake.options).toMatchObject({ x: 1920, y: 0, width: 1024, height: 768, fullscreen: true, frame: false });
    expect(fake.options.webPreferences).toEqual(secureWebPreferences(WINDOW));
  });
});
