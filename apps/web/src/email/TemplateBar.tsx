// "Use a template" and "save as template" in the send step: the workspace's saved messages of
// this channel, reusable across journeys.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../ui/describeError';
import { templatesApi, type MessageTemplate } from './api';
import { designOf } from './blocks';
import { replaceStepConfig, useStepConfig } from './stepConfig';

export function TemplateBar({ nodeId, disabled }: { nodeId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const config = useStepConfig(nodeId);
  const channel = typeof config.channel === 'string' ? config.channel : 'email';
  const [templates, setTemplates] = useState<MessageTemplate[]>([]);
  const [name, setName] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    templatesApi.list(channel).then((r) => live && setTemplates(r.templates), (e: unknown) => live && setNote({ ok: false, text: describeError(e, t) }));
    return () => {
      live = false;
    };
  }, [channel, t]);

  function use(id: string) {
    const chosen = templates.find((x) => x.id === id);
    if (!chosen) return;
    replaceStepConfig(nodeId, {
      subject: chosen.subject,
      body: chosen.body,
      ...(chosen.email ? { email: designOf(chosen.email) } : {}),
      ...(chosen.smsStripDiacritics !== undefined ? { smsStripDiacritics: chosen.smsStripDiacritics } : {}),
    });
  }

  async function save() {
    try {
      const saved = await templatesApi.create({
        name: name.trim(),
        channel,
        subject: typeof config.subject === 'string' ? config.subject : '',
        body: typeof config.body === 'string' ? config.body : '',
        ...(channel === 'email' ? { email: designOf(config.email) } : {}),
        ...(channel === 'sms' ? { smsStripDiacritics: config.smsStripDiacritics === true } : {}),
      });
      setTemplates((list) => [...list, saved].sort((a, b) => a.name.localeCompare(b.name)));
      setNote({ ok: true, text: t('email.templateSaved', { name: saved.name }) });
      setName('');
    } catch (e) {
      setNote({ ok: false, text: describeError(e, t) });
    }
  }

  return (
    <div className="template-bar" data-testid="template-bar">
      <label>
        <span>{t('email.useTemplate')}</span>
        <select data-testid="template-use" value="" disabled={disabled || templates.length === 0} onChange={(e) => use(e.target.value)}>
          <option value="">{t('email.noTemplate')}</option>
          {templates.map((x) => (
            <option key={x.id} value={x.id}>{x.name}</option>
          ))}
        </select>
      </label>
      <span className="template-save">
        <input data-testid="template-name" placeholder={t('email.templateName')} value={name} onChange={(e) => setName(e.target.value)} disabled={disabled} />
        <button type="button" data-testid="template-save" disabled={disabled || !name.trim()} onClick={() => void save()}>
          {t('email.saveTemplate')}
        </button>
      </span>
      {note && <small className={note.ok ? 'ok' : 'error'}>{note.text}</small>}
    </div>
  );
}
