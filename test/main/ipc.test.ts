import { describe, expect, it } from 'vitest';
import { CHANNELS, PUSH_EVENTS } from '../../app/common/ipc/channels.ts';
import type { Handlers } from '../../app/ipc/dispatch.ts';
import { checkSender, createPush, registerIpc } from '../../main/ipc.ts';
import { FakeIpcMain, FakeWebContents, ipcEvent } from './fakes.ts';

const TILL_PAGE = 'app://pos/index.html';

/** Handlers that record what reached them; any call reaching one from a refused sender is a failure. */
function recordingHandlers() {
  const calls: Array<{ channel: string; req: unknown }> = [];
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, async (req: unknown) => {
    calls.push({ channel: c, req });
    return { answeredBy: c };
  }])) as unknown as Handlers;
  return { handlers, calls };
}

function setUp() {
  const ipcMain = new FakeIpcMain();
  const till = new FakeWebContents();
  const { handlers, calls } = recordingHandlers();
  const refused: Array<{ channel: string; why: string }> = [];
  const dispose = registerIpc({ ipcMain, handlers, roleOf: (id) => (id === till.id ? 'cashier' : undefined), onRefused: (channel, why) => refused.push({ channel, why }) });
  return { ipcMain, till, calls, refused, dispose };
}

describe('registerIpc', () => {
  it('registers exactly one handler per allowlisted channel and removes them all again', () => {
    const { ipcMain, dispose } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('refuses to register twice, as Electron does, so a second registration cannot go unnoticed', () => {
    const { ipcMain } = setUp();
    const { handlers } = recordingHandlers();
    expect(() => registerIpc({ ipcMain, handlers, roleOf: () => 'cashier' })).toThrow(/second handler/);
  });

  it('answers a call from the till page with the handler’s result in a Result envelope', async () => {
    const { ipcMain, till, calls } = setUp();
    const r = await ipcMain.invoke('pos:payment:query', ipcEvent(till, TILL_PAGE), { outTradeNo: 'T01_1' });
    expect(r).toEqual({ ok: true, data: { answeredBy: 'pos:payment:query' } });
    expect(calls).toEqual([{ channel: 'pos:payment:query', req: { outTradeNo: 'T01_1' } }]);
  });

  it('has no handler for a channel outside the allowlist, so the invoke fails before reaching any code of ours', async () => {
    const { ipcMain, till, calls } = setUp();
    for (const channel of ['pos:shell:exec', 'pos:payment', 'POS:PAYMENT:START', '', 'ELECTRON_BROWSER_REQUIRE']) {
      await expect(ipcMain.invoke(channel, ipcEvent(till, TILL_PAGE), {})).rejects.toThrow(/No handler registered/);
    }
    expect(calls).toEqual([]);
  });

  const hostileSenders: Array<[string, (till: FakeWebContents) => ReturnType<typeof ipcEvent>]> = [
    ['a page from another origin', (t) => ipcEvent(t, 'https://evil.example/index.html')],
    ['a file:// page', (t) => ipcEvent(t, 'file:///work/main/dist/renderer/index.html')],
    ['a look-alike host', (t) => ipcEvent(t, 'app://pos.evil.example/index.html')],
    ['another app:// host', (t) => ipcEvent(t, 'app://evil/index.html')],
    ['browser mode’s http origin', (t) => ipcEvent(t, 'http://127.0.0.1:8960/index.html')],
    ['a data: URL', (t) => ipcEvent(t, 'data:text/html,<script>pos.payment.start()</script>')],
    ['about:blank', (t) => ipcEvent(t, 'about:blank')],
    ['an unparseable URL', (t) => ipcEvent(t, 'not a url')],
    ['a sub-frame of the till page', (t) => ipcEvent(t, TILL_PAGE, 'sub')],
    ['a frame that has navigated away or been destroyed', (t) => ipcEvent(t, TILL_PAGE, 'gone')],
    ['a webContents the shell did not create', () => ipcEvent(new FakeWebContents(), TILL_PAGE)],
  ];

  for (const [name, event] of hostileSenders) {
    it(`refuses ${name} without calling the handler`, async () => {
      const { ipcMain, till, calls, refused } = setUp();
      const r = (await ipcMain.invoke('pos:settings:get', event(till), {})) as { ok: boolean; error?: { code: string } };
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('INVALID_ARGUMENT');
      expect(calls).toEqual([]);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.channel).toBe('pos:settings:get');
    });
  }

  const malformed: Array<[string, string, unknown[]]> = [
    ['a string where an object is expected', 'pos:payment:start', ['12.34']],
    ['a missing required field', 'pos:payment:start', [{ amount: '12.34' }]],
    ['a number for a payment code', 'pos:payment:start', [{ amount: '12.34', code: 286344382566439123 }]],
    ['an unknown settings key', 'pos:settings:set', [{ alipay: { privateKeyPem: 'x', shellCommand: 'rm -rf /' } }]],
    ['a prototype-pollution attempt', 'pos:settings:set', [JSON.parse('{"__proto__":{"admin":true}}')]],
    ['a second argument', 'pos:payment:query', [{ outTradeNo: 'T01_1' }, { extra: true }]],
  ];

  for (const [name, channel, args] of malformed) {
    it(`refuses ${name} from the till page before the handler runs`, async () => {
      const { ipcMain, till, calls } = setUp();
      const r = (await ipcMain.invoke(channel, ipcEvent(till, TILL_PAGE), ...args)) as { ok: boolean; error?: { code: string } };
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(calls).toEqual([]);
    });
  }

  it('turns a handler’s unexpected exception into INTERNAL_ERROR data instead of a rejected invoke', async () => {
    const ipcMain = new FakeIpcMain();
    const till = new FakeWebContents();
    const { handlers } = recordingHandlers();
    const unexpected: unknown[] = [];
    handlers['pos:till:info'] = async () => {
      throw new TypeError('boom');
    };
    registerIpc({ ipcMain, handlers, roleOf: () => 'cashier', onUnexpected: (e) => unexpected.push(e) });
    const r = await ipcMain.invoke('pos:till:info', ipcEvent(till, TILL_PAGE));
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(unexpected).toHaveLength(1);
  });
});

describe('checkSender', () => {
  it('trusts the top frame of a till window on app://pos, and says which window it is', () => {
    const till = new FakeWebContents();
    expect(checkSender(ipcEvent(till, 'app://pos/customer.html'), () => 'customer')).toEqual({ trusted: true, role: 'customer' });
    expect(checkSender(ipcEvent(till, 'app://pos/'), () => 'cashier')).toEqual({ trusted: true, role: 'cashier' });
  });
});

describe('the customer window (issue 10 item 2)', () => {
  it('passes the sender check but every call it makes is refused before any handler runs', async () => {
    const ipcMain = new FakeIpcMain();
    const cashier = new FakeWebContents();
    const customer = new FakeWebContents();
    const { handlers, calls } = recordingHandlers();
    registerIpc({ ipcMain, handlers, roleOf: (id) => (id === cashier.id ? 'cashier' : id === customer.id ? 'customer' : undefined) });
    for (const channel of CHANNELS) {
      const r = await ipcMain.invoke(channel, ipcEvent(customer, 'app://pos/customer.html'), {});
      expect(r, channel).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } });
    }
    expect(calls).toEqual([]);
    expect(await ipcMain.invoke('pos:till:info', ipcEvent(cashier, TILL_PAGE), {})).toMatchObject({ ok: true });
  });
});

describe('createPush', () => {
  it('sends each event to the live till windows whose role may hear it, and to nothing else', () => {
    const cashier = new FakeWebContents();
    const customer = new FakeWebContents();
    const closed = new FakeWebContents();
    closed.destroyed = true;
    const push = createPush(() => [{ webContents: cashier, role: 'cashier' }, { webContents: customer, role: 'customer' }, { webContents: closed, role: 'cashier' }]);
    const scan = { code: '287634438256643900', provider: 'alipay' as const, accepted: true, at: 1 };
    push('pos:scanner:scanned', scan);
    const view = { status: 'UNKNOWN' as const, state: 'WAITING' as const, amount: '1.00', amountFen: 100, provider: 'alipay' as const, training: true, shopName: 's' };
    push('pos:customer:changed', view);
    expect(cashier.sent).toEqual([{ channel: 'pos:scanner:scanned', args: [scan] }]);
    // Item 11: a scan never reaches the customer display.
    expect(customer.sent).toEqual([{ channel: 'pos:customer:changed', args: [view] }]);
    expect(closed.sent).toEqual([]);
  });

  it('drops an event name outside PUSH_EVENTS even if a caller gets one past the types', () => {
    const wc = new FakeWebContents();
    const push = createPush(() => [{ webContents: wc, role: 'cashier' }]) as (event: string, payload: unknown) => void;
    push('pos:secrets:dump', { privateKeyPem: 'x' });
    expect(wc.sent).toEqual([]);
    expect(PUSH_EVENTS).not.toContain('pos:secrets:dump');
  });
});
