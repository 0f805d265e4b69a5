// The promotions the config file sets (issue 14): shown, not edited here — a red packet moves the
// shop's money, so its rules change where the keys do, in the till's configuration.
import type { PromotionView } from '../../app/common/cashback.ts';
import { useT } from '../i18n/useT.ts';

export function PromotionsPanel({ promotions, certMode }: { promotions: PromotionView[] | undefined; certMode: boolean | undefined }) {
  const t = useT();
  const zh = t.language === 'zh-CN';
  const list = promotions ?? [];
  return (
    <fieldset data-testid="promotions">
      <legend>{zh ? '现金红包活动' : 'Cash red packets'}</legend>
      {list.length === 0 && <p className="small">{zh ? '未配置（在配置文件的 promotions 中设置）' : 'None (set them in the config file\'s promotions)'}</p>}
      {list.length > 0 && (
        <table className="promotions">
          <thead>
            <tr>
              <th>{zh ? '活动' : 'Promotion'}</th>
              <th>{zh ? '满额' : 'Spend from'}</th>
              <th>{zh ? '红包' : 'Packet'}</th>
              <th>{zh ? '每日预算' : 'Daily budget'}</th>
              <th>{zh ? '有效期' : 'Runs'}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id} data-testid={`promotion-${p.id}`}>
                <td>{p.title} <span className="mono small">{p.id}</span></td>
                <td>¥{p.minSpend}</td>
                <td>¥{p.amount}</td>
                <td>¥{p.dailyBudget}</td>
                <td className="small">{p.from ?? (zh ? '即日起' : 'now')} – {p.until ?? (zh ? '长期' : 'no end')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.length > 0 && !certMode && (
        <p className="small">{zh ? '培训模式：使用培训证书链（公钥证书模式）发放' : 'Training: sent with the training certificate chain (certificate mode)'}</p>
      )}
    </fieldset>
  );
}
