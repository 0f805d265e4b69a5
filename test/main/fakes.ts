// Fakes of the Electron objects the shell uses (the binary cannot run on the build machines). Each
// behaves as Electron documents where the shell depends on it: a second ipcMain.handle for a
// channel throws, an invoke on a channel with no handler rejects, a webContents' navigation goes
// ahead unless a listener calls preventDefault(), creating a BrowserWindow raises the app's
// 'web-contents-created'.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ElectronPieces } from '../../main/shell.ts';
import type { DisplayPort, IpcEventPort, MessageBoxOptions } from '../../main/ports.ts';

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  }

  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextWebContentsId = 1;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly printed: object[] = [];
  printAnswer: { success: boolean; failureReason: string } | 'never' = { success: true, failureReason: '' };
  destroyed = false;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  print(options: object, callback: (success: boolean, failureReason: string) => void): void {
    this.printed.push(options);
    const a = this.printAnswer;
    if (a !== 'never') callback(a.success, a.failureReason);
  }

  /** The page attempts `event` (will-navigate, will-redirect, …): true when main let it happen. */
  attempt(event: string, url = 'https://example.com/'): boolean {
    const e = new FakeEvent();
    this.emit(event, e, url);
    return !e.defaultPrevented;
  }

  /** The page calls window.open: true when main let the window open. */
  attemptWindowOpen(url = 'https://example.com/'): boolean {
    return this.windowOpenHandler === undefined || this.windowOpenHandler({ url }).action !== 'deny';
  }
}

export type FakeWindowHooks = { onCreated?: (w: FakeBrowserWindow) => void; loadFails?: boolean };

export function fakeBrowserWindowClass(hooks: FakeWindowHooks = {}) {
  const created: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends FakeEmitter {
    static readonly created = created;
    readonly options: BrowserWindowConstructorOptions;
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    shown = false;
    focused = false;
    minimized = false;
    destroyed = false;

    constructor(options: BrowserWindowConstructorOptions) {
      super();
      this.options = options;
      created.push(this);
      hooks.onCreated?.(this);
    }

    /** As Electron: the page's 'did-finish-load' comes after loadURL returns, as its promise settles. */
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      if (hooks.loadFails) return Promise.reject(new Error(`ERR_FILE_NOT_FOUND ${url}`));
      queueMicrotask(() => this.webContents.emit('did-finish-load'));
      return Promise.resolve();
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    restore(): void {
      this.minimized = false;
    }

    show(): void {
      this.shown = true;
    }

    focus(): void {
      this.focused = true;
    }

    destroy(): void {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
  }
  return FakeBrowserWindow;
}
export type FakeBrowserWindow = InstanceType<ReturnType<typeof fakeBrowserWindowClass>>;

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcEventPort, ...args: unknown[]) => Promise<unknown>>();

  handle(channel: string, listener: (event: IpcEventPort, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What a renderer's ipcRenderer.invoke(channel, ...args) gets, sent with `event`. */
  async invoke(channel: string, event: IpcEventPort, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

/** An IPC event as Electron builds it for a frame of `wc` showing `url`. */
export function ipcEvent(wc: { id: number }, url: string, frame: 'top' | 'sub' | 'gone' = 'top'): IpcEventPort {
  return { sender: wc, senderFrame: frame === 'gone' ? null : { url, parent: frame === 'sub' ? { url: 'app://pos/index.html' } : null } };
}

/** Reversible and recognisable, and never contains the plain text: enough to see what was sealed. */
export class FakeSafeStorage {
  available = true;
  backend: string | undefined = undefined;
  readonly sealedTexts: string[] = [];

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  encryptString(plainText: string): Buffer {
    this.sealedTexts.push(plainText);
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plainText, 'utf8').map((b) => b ^ 0x5a)]);
  }

  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  }

  getSelectedStorageBackend(): string {
    return this.backend ?? 'gnome_libsecret';
  }
}

export class FakeSession {
  permissionRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | undefined;
  devicePermission: ((details: unknown) => boolean) | undefined;
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly protocol = { handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => void this.protocolHandlers.set(scheme, handler) };

  setPermissionRequestHandler(h: NonNullable<FakeSession['permissionRequest']>): void {
    this.permissionRequest = h;
  }

  setPermissionCheckHandler(h: NonNullable<FakeSession['permissionCheck']>): void {
    this.permissionCheck = h;
  }

  setDevicePermissionHandler(h: NonNullable<FakeSession['devicePermission']>): void {
    this.devicePermission = h;
  }

  /** What a page asking for `permission` is told. */
  requestPermission(permission: string): boolean | 'unanswered' {
    let answer: boolean | 'unanswered' = 'unanswered';
    // Without a handler Electron grants most permissions: unanswered counts as granted.
    if (!this.permissionRequest) return true;
    this.permissionRequest({}, permission, (granted) => {
      answer = granted;
    });
    return answer;
  }
}

export class FakeApp extends FakeEmitter {
  lockAvailable = true;
  quitCalls = 0;
  ready = false;
  isPackaged = false;
  readonly userData: string;

  constructor(userData: string) {
    super();
    this.userData = userData;
  }

  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }

  quit(): void {
    this.quitCalls++;
  }

  whenReady(): Promise<void> {
    this.ready = true;
    return Promise.resolve();
  }

  getPath(_name: 'userData'): string {
    return this.userData;
  }

  getVersion(): string {
    return '0.1.0-test';
  }
}

export class FakeSchemeRegistry {
  readonly registered: Array<{ scheme: string; privileges: object; appWasReady: boolean }> = [];
  readonly #app: FakeApp;

  constructor(app: FakeApp) {
    this.#app = app;
  }

  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: object }>): void {
    for (const s of schemes) this.registered.push({ ...s, appWasReady: this.#app.ready });
  }
}

export class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();

  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (this.exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.exposed.set(apiKey, api);
  }
}

export class FakeIpcRenderer extends FakeEmitter {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return { ok: true, data: { channel } };
  }

  /** main's webContents.send(channel, payload) arriving in this renderer. */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this, senderId: 0 }, payload);
  }
}

export const PRIMARY: DisplayPort = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
export const SECOND: DisplayPort = { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 } };

export type FakeElectron = Omit<ElectronPieces, 'BrowserWindow'> & {
  BrowserWindow: ReturnType<typeof fakeBrowserWindowClass>;
  app: FakeApp;
  ipcMain: FakeIpcMain;
  safeStorage: FakeSafeStorage;
  protocol: FakeSchemeRegistry;
  session: { defaultSession: FakeSession };
  windows: FakeBrowserWindow[];
  errorBoxes: Array<{ title: string; content: string }>;
  /** Native dialogs shown, and the button index each next one answers (Cancel when none is queued). */
  messageBoxes: MessageBoxOptions[];
  answers: number[];
  displays: DisplayPort[];
};

export function fakeElectron(o: { userData: string; displays?: DisplayPort[]; loadFails?: boolean }): FakeElectron {
  const app = new FakeApp(o.userData);
  const BrowserWindow = fakeBrowserWindowClass({ onCreated: (w) => app.emit('web-contents-created', {}, w.webContents), loadFails: o.loadFails ?? false });
  const displays = o.displays ?? [PRIMARY];
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const messageBoxes: MessageBoxOptions[] = [];
  const answers: number[] = [];
  return {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title, content) => void errorBoxes.push({ title, content }),
      showMessageBox: async (options) => {
        messageBoxes.push(options);
        return { response: answers.shift() ?? options.cancelId };
      },
    },
    ipcMain: new FakeIpcMain(),
    protocol: new FakeSchemeRegistry(app),
    safeStorage: new FakeSafeStorage(),
    screen: { getAllDisplays: () => displays, getPrimaryDisplay: () => displays[0]! },
    session: { defaultSession: new FakeSession() },
    windows: BrowserWindow.created,
    errorBoxes,
    messageBoxes,
    answers,
    displays,
  };
}
