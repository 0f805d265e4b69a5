import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS, methodOf, PUSH_EVENTS } from '../../app/common/ipc/channels.ts';
import type { PosBridge } from '../../app/common/ipc/contract.ts';
import { exposePosBridge } from '../../main/posBridge.ts';
import { buildElectron, preloadRequires } from '../../scripts/build-electron.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { FakeContextBridge, FakeIpcRenderer } from './fakes.ts';

function exposed() {
  const contextBridge = new FakeContextBridge();
  const ipcRenderer = new FakeIpcRenderer();
  exposePosBridge(contextBridge, ipcRenderer);
  return { contextBridge, ipcRenderer, pos: contextBridge.exposed.get('pos') as PosBridge & Record<string, unknown> };
}

/** Every value reachable from `root` (own properties, including non-enumerable ones). */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const walk = (v: unknown) => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v)) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) walk(d.value);
    }
  };
  walk(root);
  return [...seen];
}

describe('the preload bridge', () => {
  it('exposes exactly one global, window.pos', () => {
    const { contextBridge } = exposed();
    expect([...contextBridge.exposed.keys()]).toEqual(['pos']);
  });

  it('has one method per allowlisted channel, grouped by domain, plus on()', () => {
    const { pos } = exposed();
    const expected: Record<string, string[]> = {};
    for (const c of CHANNELS) {
      const [domain, verb] = methodOf(c);
      (expected[domain] ??= []).push(verb);
    }
    expect(Object.keys(pos).sort()).toEqual([...Object.keys(expected), 'on'].sort());
    for (const [domain, verbs] of Object.entries(expected)) {
      expect(Object.keys(pos[domain] as object).sort()).toEqual(verbs.sort());
    }
  });

  it('never exposes ipcRenderer, nor any of its functions, anywhere in the object', () => {
    const { pos, ipcRenderer } = exposed();
    const all = reachable(pos);
    expect(all).not.toContain(ipcRenderer);
    for (const f of [ipcRenderer.invoke, ipcRenderer.on, ipcRenderer.removeListener, ipcRenderer.emit, ipcRenderer.deliver]) expect(all).not.toContain(f);
    expect(Object.keys(pos)).not.toContain('ipcRenderer');
  });

  it('is frozen, domains included, so a page script cannot swap a method for its own', () => {
    const { pos } = exposed();
    expect(Object.isFrozen(pos)).toBe(true);
    for (const domain of Object.keys(pos).filter((k) => k !== 'on')) expect(Object.isFrozen(pos[domain])).toBe(true);
    expect(() => {
      (pos as unknown as Record<string, unknown>).on = () => {};
    }).toThrow(TypeError);
  });

  it('invokes the method’s own channel with the one argument it was given', async () => {
    const { pos, ipcRenderer } = exposed();
    const r = await pos.payment.start({ amount: '12.34', code: '287634438256643900' });
    expect(ipcRenderer.invoked).toEqual([{ channel: 'pos:payment:start', args: [{ amount: '12.34', code: '287634438256643900' }] }]);
    expect(r).toEqual({ ok: true, data: { channel: 'pos:payment:start' } });
    await pos.till.info({});
    expect(ipcRenderer.invoked[1]).toEqual({ channel: 'pos:till:info', args: [{}] });
  });

  it('subscribes only to allowlisted push events and hands the listener the payload alone', () => {
    const { pos, ipcRenderer } = exposed();
    const got: unknown[][] = [];
    const off = pos.on('pos:payment:changed', (...args: unknown[]) => void got.push(args));
    ipcRenderer.deliver('pos:payment:changed', { outTradeNo: 'T01_1' });
    // The IPC event (whose `sender` is ipcRenderer itself) must not reach the page.
    expect(got).toEqual([[{ outTradeNo: 'T01_1' }]]);
    off();
    ipcRenderer.deliver('pos:payment:changed', { outTradeNo: 'T01_2' });
    expect(got).toHaveLength(1);
    expect(ipcRenderer.count('pos:payment:changed')).toBe(0);
  });

  it('refuses to listen to any channel outside PUSH_EVENTS', () => {
    const { pos, ipcRenderer } = exposed();
    const on = pos.on as unknown as (event: unknown, listener: unknown) => unknown;
    for (const event of ['pos:payment:start', 'ELECTRON_BROWSER_WINDOW_ALERT', '', 'pos:scanner:scanned ', 42, { toString: () => 'pos:payment:changed' }]) {
      expect(() => on(event, () => {})).toThrow(TypeError);
    }
    expect(() => on('pos:scanner:scanned', 'alert(1)')).toThrow(TypeError);
    expect([...ipcRenderer.listeners.keys()].filter((k) => ipcRenderer.count(k) > 0)).toEqual([]);
    expect(PUSH_EVENTS.length).toBeGreaterThan(0);
  });
});

describe('the bundled preload (dist/preload.cjs)', () => {
  it('is one CommonJS script that requires only electron and exposes window.pos', async () => {
    const outDir = tempDir('till-preload-');
    const { preload } = await buildElectron({ outDir });
    const code = readFileSync(preload, 'utf8');
    expect(preloadRequires(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);

    // Run it the way Electron runs a sandboxed preload: a script with a `require` that knows 'electron' only.
    const contextBridge = new FakeContextBridge();
    const ipcRenderer = new FakeIpcRenderer();
    const required: string[] = [];
    const require = (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`module not found: ${id}`);
      return { contextBridge, ipcRenderer };
    };
    const module = { exports: {} };
    runInNewContext(code, { require, module, exports: module.exports }, { filename: join(outDir, 'preload.cjs') });
    expect(required).toEqual(['electron']);
    expect([...contextBridge.exposed.keys()]).toEqual(['pos']);
    const pos = contextBridge.exposed.get('pos') as PosBridge;
    await pos.receipt.print({ outTradeNo: 'T01_1' });
    expect(ipcRenderer.invoked).toEqual([{ channel: 'pos:receipt:print', args: [{ outTradeNo: 'T01_1' }] }]);
  });
});
