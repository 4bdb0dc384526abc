// #/customers/:id — the customer 360: who they are (traits, identities, consent, merged
// profiles), what happened (timeline across channels, journeys and why), what they bought.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { customer360Api, customerName, type Consent, type Profile } from './api';
import { ActivityTimeline } from './ActivityTimeline';
import { describeCustomerError } from './errors';
import { MergeBox } from './MergeBox';
import { ChangesBox, ConsentBox, IdentitiesBox, JourneysBox, PurchasesBox, VouchersBox } from './ProfileBoxes';
import { TraitsEditor } from './TraitsEditor';
import { useCustomerTexts } from './texts';
import './customers.css';

export function CustomerProfile({ customerId }: { customerId: string }) {
  useCustomerTexts();
  const { t, i18n } = useTranslation();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [consent, setConsent] = useState<Consent | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after an edit so the timeline reloads too (a merge brings its events).
  const [revision, setRevision] = useState(0);

  const load = useCallback(async () => {
    try {
      const [p, c] = await Promise.all([customer360Api.profile(customerId), customer360Api.consent(customerId).catch(() => null)]);
      setProfile(p);
      setConsent(c);
      setError(null);
    } catch (e) {
      setError(describeCustomerError(e, t));
    }
  }, [customerId, t]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  const changed = () => setRevision((r) => r + 1);
  // An old (merged-away) id leads to the survivor: show the survivor's own id in the address.
  useEffect(() => {
    if (profile && profile.customer.id !== customerId) location.replace(`#/customers/${encodeURIComponent(profile.customer.id)}`);
  }, [profile, customerId]);

  if (error) return (<section className="page"><a href="#/customers">← {t('customers.back')}</a><div className="error-box" role="alert">{error}</div></section>);
  if (!profile) return <section className="page"><p className="muted">{t('customers.loading')}</p></section>;

  const c = profile.customer;
  return (
    <section className="page customers" data-testid="customer-profile">
      <a href="#/customers">← {t('customers.back')}</a>
      <div className="customer-head">
        <h1 data-testid="customer-name">{customerName(c.traits) ?? t('customers.unnamed')}</h1>
        <span className="muted">{t('customers.since')} {formatDateTime(c.createdAt, i18n.language)}</span>
        <span className="muted">· {t('customers.lastSeen')} {formatDateTime(c.lastSeenAt, i18n.language)}</span>
        <code className="sub">{c.id}</code>
      </div>
      <div className="customer-360">
        <div className="column">
          <TraitsEditor customerId={c.id} traits={c.traits} onSaved={changed} />
          <IdentitiesBox identities={profile.identities} />
          <ConsentBox consent={consent} />
          <MergeBox customerId={c.id} name={customerName(c.traits) ?? c.id} merged={profile.merged} onChanged={changed} />
          <ChangesBox changes={profile.changes} />
        </div>
        <div className="column">
          <JourneysBox journeys={profile.journeys} />
          <ActivityTimeline key={`${c.id}:${revision}`} customerId={c.id} />
          <PurchasesBox purchases={profile.purchases} />
          <VouchersBox vouchers={profile.vouchers} />
        </div>
      </div>
    </section>
  );
}
