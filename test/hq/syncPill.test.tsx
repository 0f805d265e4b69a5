// @vitest-environment happy-dom
// The header's head-office piece: hidden for a single shop, then in sync / N waiting /
// unreachable since a time, read over the bridge's pos:sync:status.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatusView } from '../../app/common/ipc/views.ts';
import { SyncPill } from '../../renderer/app/SyncPill.tsx';
import { setLanguage } from '../../renderer/ui/uiStore.ts';
import { fakeBridge, ok } from '../renderer/fakeBridge.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
let host: HTMLElement | undefined;

afterEach(async () => {
  await act(async () => root?.unmount());
  host?.remove();
  delete window.pos;
});

const base: SyncStatusView = { state: 'off', tillId: 'S01-T01', waiting: 0, refusedRows: 0, lastSyncedAt: null, unreachableSince: null };

async function show(s: SyncStatusView): Promise<Element | null> {
  window.pos = fakeBridge({ 'pos:sync:status': () => ok(s) });
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  await act(async () => {
    root!.render(<SyncPill />);
    await new Promise((r) => setTimeout(r, 10));
  });
  return host.querySelector('[data-testid=sync-state]');
}

describe('the header’s head-office sync state', () => {
  it('shows nothing for a single shop', async () => {
    expect(await show(base)).toBeNull();
  });

  it('says in sync, N waiting, unreachable since when, and damaged records', async () => {
    setLanguage('en');
    expect((await show({ ...base, state: 'in-sync', lastSyncedAt: 1 }))!.textContent).toBe('Head office: in sync');
    await act(async () => root!.unmount());
    expect((await show({ ...base, state: 'waiting', waiting: 12 }))!.textContent).toBe('Head office: 12 waiting');
    await act(async () => root!.unmount());
    const since = Date.parse('2026-11-22T14:03:05+08:00');
    const el = (await show({ ...base, state: 'unreachable', waiting: 40, unreachableSince: since, refusedRows: 2, message: 'connect ECONNREFUSED' }))!;
    expect(el.textContent).toBe('Head office unreachable since 14:03:05 (40 waiting) · 2 damaged record(s)');
    expect(el.getAttribute('data-state')).toBe('unreachable');
    await act(async () => root!.unmount());
    setLanguage('zh-CN');
    expect((await show({ ...base, state: 'waiting', waiting: 3 }))!.textContent).toBe('总部：3 条待同步');
  });
});
