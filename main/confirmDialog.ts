// The desktop app's confirmation of a change of the merchant's credentials or mode (docs/security.md
// item 3): a native dialog that main shows, with the key fingerprints before and after. The page
// cannot answer it — it is not part of the page, and no IPC channel reaches it.
import { PosError } from '../app/common/errors.ts';
import type { Confirm } from '../app/host/settingsChannel.ts';
import type { Credentials } from '../app/settings/SettingsStore.ts';
import type { DialogPort } from './ports.ts';

const CANCEL = 0;
const CONFIRM = 1;

function describe(c: Credentials): string {
  return [
    `模式 mode: ${c.mode === 'live' ? '正式 LIVE' : '培训 training'}`,
    `AppID: ${c.appId ?? '—'}`,
    `应用私钥 app key: ${c.privateKey ?? '—'}`,
    `支付宝公钥 Alipay key: ${c.alipayPublicKey ?? '—'}`,
  ].join('\n');
}

export function nativeConfirm(dialog: DialogPort): Confirm {
  return async (change) => {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: '更换商户凭据 Change the merchant',
      message: '确认更换收款商户？Confirm the change of the merchant who is paid?',
      detail: `现在 Now:\n${describe(change.before)}\n\n之后 After:\n${describe(change.after)}\n\n请与支付宝开放平台上显示的指纹核对。Compare the fingerprints with the Alipay console.`,
      buttons: ['取消 Cancel', '确认更换 Confirm'],
      defaultId: CANCEL,
      cancelId: CANCEL,
      noLink: true,
    });
    if (response !== CONFIRM) {
      throw new PosError('CONFIRMATION_REQUIRED', 'the change was not confirmed in the desktop app\'s dialog', { details: { credentials: change, declined: true }, detailZh: '未在确认对话框中确认此更改' });
    }
  };
}
