// The customer's timeline across channels: events they sent, messages Braid sent (with their
// delivery / open / click / reply status) and journey steps, newest first, paged.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { customer360Api, type ActivityItem } from './api';
import { describeCustomerError } from './errors';

const GOOD = new Set(['delivered', 'opened', 'clicked', 'replied', 'converted']);
const BAD = new Set(['failed', 'exited']);

function tone(status: string): string {
  return GOOD.has(status) ? 'pill good' : BAD.has(status) ? 'pill bad' : status === 'postponed' || status === 'skipped' ? 'pill warn' : 'pill';
}

/** A one-line glimpse of an event's properties (the full event is in the API). */
function summary(props: Record<string, unknown> | null): string {
  if (!props) return '';
  return Object.entries(props)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .slice(0, 4)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

export function ActivityTimeline({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<ActivityItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (from: string | null) => {
      try {
        const page = await customer360Api.activity(customerId, from);
        setItems((prev) => (from ? [...(prev ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        setError(describeCustomerError(e, t));
      }
    },
    [customerId, t],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const statusText = (i: ActivityItem) =>
    i.kind === 'message' ? t(`customers.messageStatus.${i.status}`, { defaultValue: i.status }) : i.kind === 'step' ? t(`customers.stepOutcome.${i.status}`, { defaultValue: i.status }) : i.status;

  return (
    <div className="box" data-testid="customer-timeline">
      <h2>{t('customers.activity')}</h2>
      {error && <div className="error-box" role="alert">{error}</div>}
      {items?.length === 0 && <p className="muted">{t('customers.activityNone')}</p>}
      <ol className="timeline">
        {items?.map((i) => (
          <li key={`${i.kind}:${i.id}`} className={`kind-${i.kind}`} data-testid={`timeline-${i.kind}`}>
            <span className="when">{formatDateTime(i.at, i18n.language)}</span>
            <div>
              <div className="what">
                <span className="sub">{t(`customers.kind.${i.kind}`)} · </span>
                <strong>{i.kind === 'event' && i.title === i.status ? t(`customers.eventType.${i.status}`, { defaultValue: i.title }) : i.title}</strong>{' '}
                {/* An event's type says nothing a marketer needs once it has a name. */}
                {i.kind !== 'event' && <span className={tone(i.status)}>{statusText(i)}</span>}
                {i.journeyName && <span className="sub"> · {t('customers.inJourney', { journey: i.journeyName })}</span>}
              </div>
              {i.detail && <div className="props">{i.detail}</div>}
              {i.kind === 'event' && summary(i.properties) && <div className="props">{summary(i.properties)}</div>}
            </div>
          </li>
        ))}
      </ol>
      {cursor && (
        <button className="small" onClick={() => void load(cursor)} data-testid="timeline-more">
          {t('customers.more')}
        </button>
      )}
    </div>
  );
}
