// The Zalo ZNS templates a workspace registered: what send steps may use, with Zalo's limits.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { channelsApi, type ZnsTemplate } from './api';

const purposes = ['transaction', 'customer_care', 'promotion'] as const;
const statuses = ['pending', 'approved', 'rejected', 'disabled'] as const;

/** "order_code:30" per line → parameters; null when a line does not read. */
function parseParams(text: string): ZnsTemplate['params'] | null {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const params = lines.map((line) => {
    const m = /^([a-z][a-z0-9_]*)\s*:\s*(\d+)$/.exec(line);
    return m ? { name: m[1]!, maxLength: Number(m[2]), required: true } : null;
  });
  return params.length > 0 && params.every(Boolean) ? (params as ZnsTemplate['params']) : null;
}

export function ZnsTemplates({ templates, onChanged }: { templates: ZnsTemplate[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [templateId, setTemplateId] = useState('');
  const [name, setName] = useState('');
  const [params, setParams] = useState('');
  const [purpose, setPurpose] = useState<ZnsTemplate['purpose']>('transaction');
  const [status, setStatus] = useState<ZnsTemplate['status']>('approved');

  async function save() {
    const parsed = parseParams(params);
    if (!parsed) {
      toast.error(t('channels.badParams'));
      return;
    }
    try {
      await channelsApi.saveTemplate({ templateId: templateId.trim(), name: name.trim(), params: parsed, purpose, status });
      toast.success(t('channels.saved'));
      setTemplateId('');
      setName('');
      setParams('');
      onChanged();
    } catch (e) {
      toast.error(describeError(e, t));
    }
  }

  return (
    <section className="zns-templates" data-testid="zns-templates">
      <h2>{t('channels.templatesTitle')}</h2>
      <p className="muted">{t('channels.templatesHelp')}</p>
      {templates.length === 0 && <p className="muted">{t('channels.noTemplates')}</p>}
      {templates.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('channels.templateId')}</th>
              <th>{t('channels.templateName')}</th>
              <th>{t('channels.templateParams')}</th>
              <th>{t('channels.purpose')}</th>
              <th>{t('channels.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {templates.map((z) => (
              <tr key={z.templateId} data-testid={`zns-${z.templateId}`}>
                <td><code>{z.templateId}</code></td>
                <td>{z.name}</td>
                <td>{z.params.map((p) => `${p.name} ≤ ${p.maxLength}`).join(', ')}</td>
                <td>{t(`channels.purposeName.${z.purpose}`)}</td>
                <td>{t(`channels.statusName.${z.status}`)}</td>
                <td>
                  <button className="link" onClick={() => void channelsApi.removeTemplate(z.templateId).then(onChanged, (e: unknown) => toast.error(describeError(e, t)))}>{t('channels.remove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="zns-add"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <span>{t('channels.templateId')}</span>
          <input value={templateId} onChange={(e) => setTemplateId(e.target.value)} required pattern="\d{1,32}" data-testid="zns-id" />
        </label>
        <label>
          <span>{t('channels.templateName')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} data-testid="zns-name" />
        </label>
        <label>
          <span>{t('channels.purpose')}</span>
          <select value={purpose} onChange={(e) => setPurpose(e.target.value as ZnsTemplate['purpose'])} data-testid="zns-purpose">
            {purposes.map((p) => <option key={p} value={p}>{t(`channels.purposeName.${p}`)}</option>)}
          </select>
        </label>
        <label>
          <span>{t('channels.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as ZnsTemplate['status'])} data-testid="zns-status">
            {statuses.map((s) => <option key={s} value={s}>{t(`channels.statusName.${s}`)}</option>)}
          </select>
        </label>
        <label className="wide">
          <span>{t('channels.templateParams')}</span>
          <textarea rows={3} value={params} onChange={(e) => setParams(e.target.value)} placeholder={'customer_name:30\norder_code:10'} data-testid="zns-params" />
        </label>
        <button className="primary" data-testid="zns-save">{t('channels.addTemplate')}</button>
      </form>
    </section>
  );
}
