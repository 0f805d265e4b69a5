// Main's side of the IPC contract: one ipcMain.handle per allowlisted channel, each checking who
// sent the call before the shared dispatch validates the argument (model-codebases.md practice 4,
// after VS Code's validatedIpcMain). Handlers answer with a Result, because an Electron invoke
// keeps nothing of a thrown error but its message.
import { PosError } from '../app/common/errors.ts';
import { CHANNELS, PUSH_EVENTS } from '../app/common/ipc/channels.ts';
import type { PushEvent, PushEvents, Result } from '../app/common/ipc/contract.ts';
import { dispatch, type Handlers } from '../app/ipc/dispatch.ts';
import { APP_HOST, APP_SCHEME } from './protocol.ts';
import type { IpcEventPort, IpcMainPort, WebContentsPort } from './ports.ts';

export type SenderVerdict = { trusted: true } | { trusted: false; why: string };

/**
 * A call is trusted only from the top frame of one of the till's own windows showing an app://pos
 * page. Anything else — a sub-frame, a frame that has navigated away (senderFrame is null), a
 * page from another origin, a webContents the shell did not create — is refused.
 */
export function checkSender(event: IpcEventPort, isTillWebContents: (id: number) => boolean): SenderVerdict {
  if (!isTillWebContents(event.sender.id)) return { trusted: false, why: 'the sender is not one of the till’s windows' };
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
  return { trusted: true };
}

export type IpcRegistration = {
  ipcMain: IpcMainPort;
  handlers: Handlers;
  isTillWebContents: (id: number) => boolean;
  /** Told of every refused call: a refusal from the till's own page is a bug or an attack. */
  onRefused?: (channel: string, why: string) => void;
  onUnexpected?: (error: unknown) => void;
};

/** Registers the handlers; returns the function that removes them again. */
export function registerIpc(r: IpcRegistration): () => void {
  for (const channel of CHANNELS) {
    r.ipcMain.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      const verdict = checkSender(event, r.isTillWebContents);
      if (!verdict.trusted) {
        r.onRefused?.(channel, verdict.why);
        return { ok: false, error: new PosError('INVALID_ARGUMENT', `${channel} refused: ${verdict.why}`).toData() };
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

/** Push events go to every live till window (the cashier's and the customer's), nowhere else. */
export function createPush(targets: () => Iterable<WebContentsPort>): <E extends PushEvent>(event: E, payload: PushEvents[E]) => void {
  return (event, payload) => {
    if (!PUSHABLE.has(event)) return;
    for (const wc of targets()) {
      if (!wc.isDestroyed()) wc.send(event, payload);
    }
  };
}
