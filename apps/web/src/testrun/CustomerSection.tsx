// The test customer from a real profile: search, pick, and their traits (and the properties of
// their last entry event) are copied into the form. The simulation never touches them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersApi } from '../api/customers';
import type { CustomerRef } from '../api/types';
import { describeError } from '../ui/describeError';

type Props = {
  entryEvent: string | null;
  onLoaded: (traits: Record<string, unknown>, entryProperties: Record<string, unknown> | null) => void;
  onError: (message: string) => void;
};

export function CustomerSection({ entryEvent, onLoaded, onError }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerRef[]>([]);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    if (!query.trim()) return setFound([]);
    const timer = setTimeout(() => customersApi.search(query).then(setFound, () => setFound([])), 250);
    return () => clearTimeout(timer);
  }, [query]);

  async function load(id: string) {
    setChosen(id);
    if (!id) return;
    try {
      const c = await customersApi.get(id);
      const props = entryEvent ? await customersApi.lastEvent(id, entryEvent) : null;
      onLoaded(c.traits, props);
    } catch (e) {
      onError(describeError(e, t));
    }
  }

  return (
    <>
      <p className="muted">{t('testRunText.customerHelp')}</p>
      <div className="customer-picker">
        <input placeholder={t('panel.chooseCustomer')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="sim-customer-search" />
        <select value={chosen} onChange={(e) => void load(e.target.value)} aria-label={t('panel.chooseCustomer')} data-testid="sim-customer">
          <option value="">—</option>
          {found.map((c) => (
            <option key={c.id} value={c.id}>{c.name ?? c.email ?? c.phone ?? c.id}</option>
          ))}
        </select>
      </div>
    </>
  );
}
