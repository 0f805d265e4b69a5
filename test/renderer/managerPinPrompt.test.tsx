// @vitest-environment happy-dom
// The settings screen's manager PIN prompt (issue 10 item 3): a save that would change the
// merchant is refused by the till until the PIN is typed; the prompt shows both fingerprints, and
// the PIN goes with that one save only.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../app/common/ipc/views.ts';
import { ManagerPinPrompt } from '../../renderer/settings/ManagerPinPrompt.tsx';
import { editSettings, loadSettings, saveSettings, settingsStore, typePin } from '../../renderer/settings/settingsStore.ts';
import { fakeBridge, ok, type FakeBridge } from './fakeBridge.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const VIEW: SettingsView = {
  mode: 'training', shopName: '店', language: 'zh-CN',
  alipay: { appId: null, hasPrivateKey: false, hasAlipayPublicKey: false, storeId: null, terminalId: null, operatorId: null },
  scanner: { source: 'wedge', path: null }, printer: { url: null, paperWidthMm: 80, printOnSuccess: true },
} as SettingsView;
const FP = 'SHA256:0a1b 2c3d 4e5f 6071 8293 a4b5 c6d7 e8f9 0a1b 2c3d 4e5f 6071 8293 a4b5 c6d7 e8f9';

let pos: FakeBridge;
let root: Root;
let host: HTMLElement;

beforeEach(() => {
  pos = fakeBridge({
    'pos:settings:get': () => ok(VIEW),
    'pos:settings:set': (req) => (req as { managerPin?: string }).managerPin === '2468'
      ? ok({ ...VIEW, alipay: { ...VIEW.alipay, appId: '2021009876543210' } })
      : { ok: false, error: { code: 'CONFIRMATION_REQUIRED', message: 'enter the manager PIN', messageZh: '需要店长确认', details: { pinSet: true, credentials: { changed: ['appId'], before: { mode: 'training', appId: null, privateKey: null, alipayPublicKey: null }, after: { mode: 'training', appId: '2021009876543210', privateKey: FP, alipayPublicKey: null } } } } },
    'pos:till:info': () => ok({ training: true, shopName: '店', version: 't', customerDisplayUrl: null } as never),
  });
  window.pos = pos;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  delete window.pos;
});

describe('the manager PIN prompt', () => {
  it('appears when the till asks for it, shows the fingerprints, and sends the PIN with the next save only', async () => {
    await loadSettings();
    editSettings({ appId: '2021009876543210' });
    await act(async () => root.render(<ManagerPinPrompt />));
    expect(host.querySelector('[data-testid=manager-pin-prompt]')).toBeNull();
    await act(async () => saveSettings());
    expect(host.querySelector('[data-testid=manager-pin-prompt]')).not.toBeNull();
    expect(host.querySelector('[data-testid=fingerprint-privateKey]')!.textContent).toContain(FP);
    act(() => typePin('24a68'));
    expect(settingsStore.getState().pin).toBe('2468');
    await act(async () => saveSettings());
    const sets = pos.calls.filter((c) => c.channel === 'pos:settings:set').map((c) => c.req as { managerPin?: string });
    expect(sets.map((r) => r.managerPin)).toEqual([undefined, '2468']);
    expect(settingsStore.getState()).toMatchObject({ status: 'saved', confirm: null, pin: '' });
    expect(host.querySelector('[data-testid=manager-pin-prompt]')).toBeNull();
  });
});
