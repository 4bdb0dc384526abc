// The customer's timeline across channels: events they sent, messages Braid sent (with their
// delivery / open / click / reply status) and journey steps, newest first, paged.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nodeType } from '../catalog/registry';
import { formatDateTime } from '../format';
import { channelText, outcomeText, reasonText } from '../i18n/journeyWords';
import { nodeLabel } from '../i18n/nodeLabels';
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

/**
 * What a line is about, in the reader's words: a step by the name the marketer gave it (or its
 * type's name), a message by its channel, an event by its name.
 */
function titleOf(i: ActivityItem, eventType: (type: string, name: string) => string): string {
  if (i.kind === 'step') return i.stepLabel || nodeLabel(i.stepType ? nodeType(i.stepType) : undefined, i.title);
  if (i.kind === 'message') return channelText(i.title);
  return i.title === i.status ? eventType(i.status, i.title) : i.title;
}

/** A step's reason when it is one a marketer set (waits, branches, exits); engine words are hidden. */
function detailOf(i: ActivityItem): string | null {
  return i.kind === 'step' ? reasonText(i.status, i.detail) : i.detail;
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
    i.kind === 'message' ? t(`customers.messageStatus.${i.status}`, { defaultValue: i.status }) : i.kind === 'step' ? t(`customers.stepOutcome.${i.status}`, { defaultValue: outcomeText(i.status) }) : i.status;
  const eventType = (type: string, name: string) => t(`customers.eventType.${type}`, { defaultValue: name });

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
                <strong>{titleOf(i, eventType)}</strong>{' '}
                {/* An event's type says nothing a marketer needs once it has a name. */}
                {i.kind !== 'event' && <span className={tone(i.status)}>{statusText(i)}</span>}
                {i.journeyName && <span className="sub"> · {t('customers.inJourney', { journey: i.journeyName })}</span>}
              </div>
              {detailOf(i) && <div className="props">{detailOf(i)}</div>}
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
