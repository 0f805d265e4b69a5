// The parts of Electron the shell uses, as narrow structural types. main/index.ts passes the real
// objects (the compiler checks they fit); the tests pass fakes (test/main/fakes.ts). Keeping the
// surface this small is what lets the shell be unit-tested on machines where the Electron binary
// cannot be downloaded (design.md "Runtime facts").
import type { BrowserWindowConstructorOptions } from 'electron';

/** An Electron event a listener may cancel. */
export type Preventable = { preventDefault(): void };

export type FramePort = {
  readonly url: string;
  /** null for a top-level frame. */
  readonly parent: unknown;
};

export type IpcEventPort = {
  readonly sender: { readonly id: number };
  /** null once the frame has navigated away or been destroyed. */
  readonly senderFrame: FramePort | null;
};

export type IpcMainPort = {
  handle(channel: string, listener: (event: IpcEventPort, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
};

export type WebContentsPort = {
  readonly id: number;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' | 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  /** The page has loaded, the first time and after every reload. */
  on(event: 'did-finish-load', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
};

export type BrowserWindowPort = {
  readonly webContents: WebContentsPort;
  loadURL(url: string): Promise<void>;
  on(event: 'closed', listener: () => void): unknown;
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  destroy(): void;
};

export type BrowserWindowFactory = new (options: BrowserWindowConstructorOptions) => BrowserWindowPort;

export type PermissionHandlers = {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
};

export type ProtocolHandlerPort = {
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
};

export type SessionPort = PermissionHandlers & { readonly protocol: ProtocolHandlerPort };

export type SchemeRegistryPort = {
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean } }>): void;
};

export type AppPort = {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<unknown>;
  on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, webContents: WebContentsPort) => void): unknown;
  getPath(name: 'userData'): string;
  getVersion(): string;
  readonly isPackaged: boolean;
};

export type SafeStoragePort = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs the encryption. */
  getSelectedStorageBackend?(): string;
};

export type Bounds = { x: number; y: number; width: number; height: number };
export type DisplayPort = { readonly id: number; readonly bounds: Bounds };

export type ScreenPort = {
  getAllDisplays(): DisplayPort[];
  getPrimaryDisplay(): DisplayPort;
};

export type PrintableWebContents = {
  print(options: object, callback: (success: boolean, failureReason: string) => void): void;
};

/** A hidden window for the OS printer: loads the receipt's HTML and prints it silently. */
export type PrintWindowPort = {
  readonly webContents: PrintableWebContents;
  loadURL(url: string): Promise<void>;
  destroy(): void;
};

export type MessageBoxOptions = { type: 'warning'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number; noLink: boolean };

export type DialogPort = {
  showErrorBox(title: string, content: string): void;
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
};
