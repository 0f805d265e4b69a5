// Main's side of the IPC contract: one ipcMain.handle per allowlisted channel, each checking who
// sent the call before the shared dispatch validates the argument (model-codebases.md practice 4,
// after VS Code's validatedIpcMain). Handlers answer with a Result, because an Electron invoke
// keeps nothing of a thrown error but its message.
import { PosError } from '../app/common/errors.ts';
import { CHANNELS, mayHear, PUSH_EVENTS, type ScreenRole } from '../app/common/ipc/channels.ts';
import type { PushEvent, PushEvents, Result } from '../app/common/ipc/contract.ts';
import { dispatch, type Handlers } from '../app/ipc/dispatch.ts';
import { APP_HOST, APP_SCHEME } from './protocol.ts';
import type { IpcEventPort, IpcMainPort, WebContentsPort } from './ports.ts';

export type SenderVerdict = { trusted: true; role: ScreenRole } | { trusted: false; why: string };

/** Which of the till's windows a webContents is, or undefined for one the shell did not create. */
export type RoleOf = (webContentsId: number) => ScreenRole | undefined;

/**
 * A call is trusted only from the top frame of one of the till's own windows showing an app://pos
 * page. Anything else — a sub-frame, a frame that has navigated away (senderFrame is null), a
 * page from another origin, a webContents the shell did not create — is refused. The verdict says
 * which window it is: registerIpc takes calls from the cashier's alone (docs/security.md item 2).
 */
export function checkSender(event: IpcEventPort, roleOf: RoleOf): SenderVerdict {
  const role = roleOf(event.sender.id);
  if (role === undefined) return { trusted: false, why: 'the sender is not one of the till’s windows' };
  const frame = event.senderFrame;
  if (frame === null) return { trusted: false, why: 'the sending frame is gone' };
  if (frame.parent !== null) return { trusted: false, why: 'sent from a sub-frame' };
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return { trusted: false, why: 'the sending frame has no valid URL' };
  }
  // URL.origin is "null" for schemes Node does not know, so compare scheme and host instead.
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { trusted: false, why: `sent from ${url.protocol}//${url.host}, not ${APP_SCHEME}://${APP_HOST}` };
  return { trusted: true, role };
}

export type IpcRegistration = {
  ipcMain: IpcMainPort;
  handlers: Handlers;
  roleOf: RoleOf;
  /** Told of every refused call: a refusal from the till's own page is a bug or an attack. */
  onRefused?: (channel: string, why: string) => void;
  onUnexpected?: (error: unknown) => void;
};

/** Registers the handlers; returns the function that removes them again. */
export function registerIpc(r: IpcRegistration): () => void {
  for (const channel of CHANNELS) {
    r.ipcMain.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      const verdict = checkSender(event, r.roleOf);
      if (!verdict.trusted) {
        r.onRefused?.(channel, verdict.why);
        return { ok: false, error: new PosError('INVALID_ARGUMENT', `${channel} refused: ${verdict.why}`).toData() };
      }
      // The customer display faces the public: it shows pushes and may call nothing (issue 10 item 2).
      if (verdict.role !== 'cashier') {
        r.onRefused?.(channel, `sent by the ${verdict.role} display`);
        return { ok: false, error: new PosError('NOT_ALLOWED', `${channel} refused: the customer display may not call the till`, { detailZh: '顾客显示屏不能调用收银台' }).toData() };
      }
      // The contract has one argument per call; more is a caller that does not speak it.
      if (args.length > 1) {
        r.onRefused?.(channel, `${args.length} arguments`);
        return { ok: false, error: new PosError('INVALID_ARGUMENT', `${channel} takes one argument, not ${args.length}`).toData() };
      }
      return dispatch(r.handlers, channel, args[0], r.onUnexpected);
    });
  }
  return () => {
    for (const channel of CHANNELS) r.ipcMain.removeHandler(channel);
  };
}

const PUSHABLE = new Set<string>(PUSH_EVENTS);

export type PushTarget = { webContents: WebContentsPort; role: ScreenRole };

/**
 * Push events go to the live till windows whose role may hear them (PUSH_AUDIENCE), nowhere else:
 * the customer display gets the customer's view of a payment, never scans or codes (items 2, 11).
 */
export function createPush(targets: () => Iterable<PushTarget>): <E extends PushEvent>(event: E, payload: PushEvents[E]) => void {
  return (event, payload) => {
    if (!PUSHABLE.has(event)) return;
    for (const { webContents: wc, role } of targets()) {
      if (!wc.isDestroyed() && mayHear(role, event)) wc.send(event, payload);
    }
  };
}
