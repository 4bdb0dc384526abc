import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outboxApi } from '../api/customers';
import type { OutboxMessage } from '../api/types';
import { formatDateTime } from '../format';
import { describeError } from '../ui/describeError';
import { channelText, messageStatusText } from '../i18n/journeyWords';

const POLL_MS = 3000;

/** Every message journeys produced; in the sandbox this is where "sent" messages are read. */
export function OutboxScreen() {
  const { t, i18n } = useTranslation();
  const [messages, setMessages] = useState<OutboxMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setMessages(await outboxApi.list());
      setError(null);
    } catch (e) {
      setError(describeError(e, t));
    }
  }, [t]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  return (
    <section className="page">
      <h1>{t('outbox.title')}</h1>
      {error && <div className="error-box" role="alert">{error}</div>}
      {messages?.length === 0 && <p className="muted">{t('outbox.empty')}</p>}
      {messages && messages.length > 0 && (
        <table className="table" data-testid="outbox">
          <thead>
            <tr>
              <th>{t('outbox.when')}</th>
              <th>{t('outbox.channel')}</th>
              <th>{t('outbox.to')}</th>
              <th>{t('outbox.message')}</th>
              <th>{t('outbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} data-testid="outbox-row">
                <td>{formatDateTime(m.createdAt, i18n.language)}</td>
                <td>{channelText(m.channel)}</td>
                <td>{m.to ?? m.customerId}</td>
                <td>
                  {m.subject && <strong>{m.subject}</strong>}
                  <div className="preview-text">{m.body}</div>
                </td>
                <td><span className={`status status-${m.status}`} data-status={m.status}>{messageStatusText(m.status)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
