// The read-only parts of the customer 360, one small box each.
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, formatVnd } from '../format';
import type { ChangeView, Consent, EnrollmentView, IdentityView, Profile } from './api';

export function IdentitiesBox({ identities }: { identities: IdentityView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="box" data-testid="customer-identities">
      <h2>{t('customers.identities')}</h2>
      <ul className="plain">
        {identities.map((id) => (
          <li key={`${id.type}:${id.value}`}>
            <div>
              <span className="sub">{t(`customers.identityType.${id.type}`, { defaultValue: id.type })}</span> <strong>{id.value}</strong>
            </div>
            <div className="sub">
              {id.source
                ? id.source.eventName
                  ? t('customers.identityFromEvent', { event: id.source.eventName, via: id.source.via, when: formatDateTime(id.source.at, i18n.language) })
                  : t('customers.identityFrom', { via: `${id.source.eventType} · ${id.source.via}`, when: formatDateTime(id.source.at, i18n.language) })
                : t('customers.identityUnknown')}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ConsentBox({ consent }: { consent: Consent | null }) {
  const { t, i18n } = useTranslation();
  if (!consent) return null;
  const pill = (s: string) => <span className={s === 'subscribed' ? 'pill good' : 'pill bad'}>{t(`customers.status.${s}`, { defaultValue: s })}</span>;
  return (
    <div className="box" data-testid="customer-consent">
      <h2>{t('customers.consent')}</h2>
      {consent.groups.length === 0 && consent.channels.length === 0 && <p className="muted">{t('customers.consentNone')}</p>}
      <ul className="plain">
        {consent.channels.map((c) => (
          <li key={`channel:${c.channel}`}>
            {t('customers.consentChannelWide', { channel: c.channel })} {pill(c.status)}
            <div className="sub">{t('customers.consentExplicit', { source: c.source, when: formatDateTime(c.updatedAt, i18n.language) })}</div>
          </li>
        ))}
        {consent.groups.map((g) => (
          <li key={g.group.id}>
            <strong>{g.group.name}</strong> <span className="sub">({g.group.channel})</span> {pill(g.status)}
            <div className="sub">{g.explicit ? t('customers.consentExplicit', { source: g.source ?? '—', when: formatDateTime(g.updatedAt, i18n.language) }) : t('customers.consentDefault')}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function JourneysBox({ journeys }: { journeys: EnrollmentView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="box" data-testid="customer-journeys">
      <h2>{t('customers.journeys')}</h2>
      {journeys.length === 0 && <p className="muted">{t('customers.journeysNone')}</p>}
      <ul className="plain">
        {journeys.map((j) => (
          <li key={j.enrollmentId} data-testid="customer-journey">
            <div>
              <strong>{j.journeyName}</strong> <span className="sub">v{j.version}</span>{' '}
              <span className={j.status === 'active' ? 'pill warn' : j.status === 'converted' ? 'pill good' : 'pill'}>{t(`customers.enrollmentStatus.${j.status}`, { defaultValue: j.status })}</span>
            </div>
            <div className="sub">
              {t('customers.entered', { when: formatDateTime(j.enteredAt, i18n.language) })}
              {j.entryEvent?.name && <> {t('customers.because', { event: j.entryEvent.name })}</>}
            </div>
            {j.lastStep && (
              <div className="sub">
                {t('customers.lastStep', { node: j.lastStep.nodeId, outcome: t(`customers.stepOutcome.${j.lastStep.outcome}`, { defaultValue: j.lastStep.outcome }) })}
                {j.lastStep.reason && <> — {j.lastStep.reason}</>}
              </div>
            )}
            <a href={`#/journeys/${encodeURIComponent(j.journeyId)}`}>{t('customers.trace')}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function money(amount: number, currency: string, lang: string): string {
  return currency === 'VND' ? formatVnd(amount, lang) : `${formatNumber(amount, lang)} ${currency}`;
}

export function PurchasesBox({ purchases }: { purchases: Profile['purchases'] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="box" data-testid="customer-purchases">
      <h2>{t('customers.purchases')}</h2>
      <p className="sub">{t('customers.purchasesNote', { event: purchases.eventName })}</p>
      {purchases.orders.length === 0 && <p className="muted">{t('customers.purchasesNone')}</p>}
      {purchases.orders.length > 0 && (
        <table className="table compact">
          <tbody>
            {purchases.orders.map((o) => (
              <tr key={o.eventId}>
                <td>{formatDateTime(o.at, i18n.language)}</td>
                <td>{o.orderId ?? '—'}</td>
                <td className="sub">{o.via}</td>
                <td className="num">{o.revenue === null ? '—' : money(o.revenue, o.currency, i18n.language)}</td>
              </tr>
            ))}
            {purchases.totals.map((tot) => (
              <tr key={tot.currency}>
                <th colSpan={3}>{t('customers.total')}</th>
                <th className="num">{money(tot.revenue, tot.currency, i18n.language)}</th>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function VouchersBox({ vouchers }: { vouchers: Profile['vouchers'] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="box" data-testid="customer-vouchers">
      <h2>{t('customers.vouchers')}</h2>
      {vouchers.length === 0 && <p className="muted">{t('customers.vouchersNone')}</p>}
      <ul className="plain">
        {vouchers.map((v) => (
          <li key={v.code}>
            <code>{v.code}</code> {v.value}{' '}
            <span className="sub">{v.expiresAt ? `${t('customers.expires')} ${formatDateTime(v.expiresAt, i18n.language)}` : ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChangesBox({ changes }: { changes: ChangeView[] }) {
  const { t, i18n } = useTranslation();
  const describe = (c: ChangeView) => {
    if (c.kind !== 'traits') return c.otherId ?? '';
    const list = Array.isArray(c.details.changes) ? (c.details.changes as Array<{ key: string; to: unknown }>) : [];
    return list.map((ch) => `${ch.key} → ${ch.to === null ? '∅' : String(ch.to)}`).join(', ');
  };
  return (
    <div className="box" data-testid="customer-changes">
      <h2>{t('customers.changes')}</h2>
      {changes.length === 0 && <p className="muted">{t('customers.changesNone')}</p>}
      <ul className="plain">
        {changes.map((c) => (
          <li key={c.id}>
            <strong>{t(`customers.changeKind.${c.kind}`)}</strong> {describe(c)} {c.undoneAt && <span className="pill">{t('customers.undone')}</span>}
            <div className="sub">{t('customers.by', { who: c.by, when: formatDateTime(c.at, i18n.language) })}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
