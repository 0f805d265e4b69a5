// The till's windows are locked down (model-codebases.md practice 5): the renderer is a sandboxed
// page with no Node, isolated from its preload, that can neither navigate away, open windows,
// embed a <webview> nor be granted any permission. Hardware is reached only through main.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Bounds, BrowserWindowFactory, BrowserWindowPort, PermissionHandlers, WebContentsPort } from './ports.ts';

export type WindowOptions = {
  preloadPath: string;
  /** Developer tools only in a development build. */
  devTools: boolean;
};

export function secureWebPreferences(o: WindowOptions): WebPreferences {
  return {
    preload: o.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: o.devTools,
  };
}

/**
 * Applied to every webContents the app creates (app 'web-contents-created'), so a window added
 * later cannot forget it. main's own loadURL calls do not raise these events; only the page's do.
 */
export function lockDownWebContents(wc: WebContentsPort): void {
  const deny = (event: { preventDefault(): void }) => event.preventDefault();
  wc.on('will-navigate', deny);
  wc.on('will-frame-navigate', deny);
  wc.on('will-redirect', deny);
  wc.on('will-attach-webview', deny);
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No camera, notifications, WebHID or WebSerial for the page: the scanner and printer belong to main. */
export function lockDownSession(session: PermissionHandlers): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export type TillWindowOptions = WindowOptions & {
  url: string;
  title: string;
  bounds?: Bounds;
  /** The customer display: borderless and full screen on its own monitor. */
  kiosk?: boolean;
};

export function tillWindowOptions(o: TillWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: o.title,
    width: o.bounds?.width ?? 1280,
    height: o.bounds?.height ?? 800,
    ...(o.bounds ? { x: o.bounds.x, y: o.bounds.y } : {}),
    minWidth: 800,
    minHeight: 600,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    ...(o.kiosk ? { frame: false, fullscreen: true } : {}),
    webPreferences: secureWebPreferences(o),
  };
}

export type LoadHooks = {
  onLoaded?: () => void;
  onLoadFailed: (error: unknown) => void;
};

/** Shown once the page has loaded, so the cashier never sees a blank white frame. */
export function openTillWindow(BrowserWindow: BrowserWindowFactory, o: TillWindowOptions, hooks: LoadHooks): BrowserWindowPort {
  const win = new BrowserWindow(tillWindowOptions(o));
  win.loadURL(o.url).then(
    () => {
      if (win.isDestroyed()) return;
      win.show();
      hooks.onLoaded?.();
    },
    (error: unknown) => hooks.onLoadFailed(error),
  );
  return win;
}

/** Brings the till forward when the cashier starts it a second time. */
export function focusWindow(win: BrowserWindowPort | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
