// The manager's confirmation on the settings screen (docs/security.md item 3): when a save would
// change the merchant's credentials or the mode, the till refuses it until the manager PIN set on
// the till's computer is typed here, and this shows which keys are in use now and which would be.
// Both languages at once: the manager may not read the cashier's language.
import { useStore } from 'zustand';
import { cancelConfirm, settingsStore, typePin, type CredentialsView } from './settingsStore.ts';

const ROWS: Array<[keyof CredentialsView, string]> = [
  ['mode', '模式 Mode'],
  ['appId', 'AppID'],
  ['privateKey', '应用私钥指纹 App key fingerprint'],
  ['alipayPublicKey', '支付宝公钥指纹 Alipay key fingerprint'],
  ['wechatIds', '微信支付商户 WeChat Pay merchant'],
  ['wechatPrivateKey', '微信商户私钥指纹 WeChat merchant key fingerprint'],
  ['wechatPayPublicKey', '微信支付公钥指纹 WeChat Pay key fingerprint'],
];

export function ManagerPinPrompt() {
  const { confirm, pin, status } = useStore(settingsStore);
  if (!confirm) return null;
  return (
    <div className="pin-prompt" role="dialog" aria-modal="true" data-testid="manager-pin-prompt">
      <h2>需要店长确认 · A manager must confirm</h2>
      <table className="pin-prompt__keys">
        <thead>
          <tr><th /><th>现在 Now</th><th>之后 After</th></tr>
        </thead>
        <tbody>
          {ROWS.map(([k, label]) => (
            <tr key={k} className={confirm.changed.includes(k) ? 'changed' : undefined} data-testid={`fingerprint-${k}`}>
              <th>{label}</th>
              <td className="mono small">{confirm.before[k] ?? '—'}</td>
              <td className="mono small">{confirm.after[k] ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirm.pinSet ? (
        <label>
          店长密码 Manager PIN
          <input type="password" inputMode="numeric" autoComplete="off" autoFocus value={pin} onChange={(e) => typePin(e.target.value)} disabled={status === 'saving'} data-testid="manager-pin" />
        </label>
      ) : (
        <p className="problem">本机未设置店长密码：请在收银电脑上运行 <code>pos settings set-pin</code>。 No manager PIN is set on this till: run <code>pos settings set-pin</code> on its computer.</p>
      )}
      <p className="hint">按 Enter 确认，Esc 返回。 Enter confirms; the change is made only with the right PIN.</p>
      <button type="button" onClick={cancelConfirm}>取消 Cancel</button>
    </div>
  );
}
