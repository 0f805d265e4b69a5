// What the preload puts in the page: exactly one frozen object, window.pos, whose methods are the
// allowlisted channels of the contract and whose `on` accepts only the allowlisted push events.
// ipcRenderer itself never crosses (model-codebases.md practice 3; VS Code's preload validates
// every channel the same way). This file imports no Electron so it can be tested with fakes; the
// preload entry (preload.ts) hands it the real contextBridge and ipcRenderer.
import { buildBridgeMethods, PUSH_EVENTS } from '../app/common/ipc/channels.ts';
import type { PosBridge, PushEvent, PushEvents } from '../app/common/ipc/contract.ts';

/** The part of ipcRenderer the bridge uses. */
export type IpcRendererPort = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

export type ContextBridgePort = { exposeInMainWorld(apiKey: string, api: unknown): void };

export const BRIDGE_KEY = 'pos';

const PUSHABLE = new Set<string>(PUSH_EVENTS);

export function buildPosBridge(ipc: IpcRendererPort): PosBridge {
  // buildBridgeMethods is typed loosely (browser mode builds from it too); test/main/preload.test.ts
  // checks its keys are exactly the contract's channels, and channels.ts that those are complete.
  const methods = buildBridgeMethods((channel, req) => ipc.invoke(channel, req)) as unknown as Omit<PosBridge, 'on'>;
  for (const domain of Object.values(methods)) Object.freeze(domain);
  const on = <E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): (() => void) => {
    if (typeof event !== 'string' || !PUSHABLE.has(event)) throw new TypeError(`window.pos.on: unknown event ${String(event).slice(0, 80)}`);
    if (typeof listener !== 'function') throw new TypeError('window.pos.on: the listener must be a function');
    // Only the payload goes on: the IPC event carries `sender`, which is ipcRenderer itself.
    const relay = (_event: unknown, payload: unknown) => listener(payload as PushEvents[E]);
    ipc.on(event, relay);
    return () => {
      ipc.removeListener(event, relay);
    };
  };
  return Object.freeze({ ...methods, on } satisfies PosBridge);
}

export function exposePosBridge(contextBridge: ContextBridgePort, ipc: IpcRendererPort): void {
  contextBridge.exposeInMainWorld(BRIDGE_KEY, buildPosBridge(ipc));
}
