// The rows of an ad-audience account: the name a journey's audience step uses → the platform's
// audience id. Problems found on save are shown under the row they belong to.
import { useTranslation } from 'react-i18next';
import type { AudienceAccountKind } from './api';
import type { AudienceRow, AudienceRowProblem } from './audienceMap';

type Props = {
  kind: AudienceAccountKind;
  rows: AudienceRow[];
  problems: AudienceRowProblem[];
  tooMany: boolean;
  onChange: (rows: AudienceRow[]) => void;
  onAdd: () => void;
};

export function AudienceMapEditor({ kind, rows, problems, tooMany, onChange, onAdd }: Props) {
  const { t } = useTranslation();
  const say = (p: AudienceRowProblem) => {
    switch (p.code) {
      case 'nameEmpty':
      case 'nameLong':
        return t(`channels.audiences.${p.code}`, { row: p.row });
      case 'nameTaken':
        return t('channels.audiences.nameTaken', { row: p.row, name: p.name, first: p.first });
      case 'idEmpty':
        return t(`channels.audiences.idEmpty.${kind}`, { row: p.row });
      case 'idDigits':
        return t(`channels.audiences.idDigits.${kind}`, { row: p.row, id: p.id });
    }
  };
  const set = (key: number, change: Partial<AudienceRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const nameLabel = t('channels.audiences.name');
  const idLabel = t(`channels.audiences.id.${kind}`);

  return (
    <fieldset className="audience-map" data-testid={`${kind}-audiences`}>
      <legend>{t('channels.audiences.title')}</legend>
      <p className="muted">{t(`channels.audiences.help.${kind}`)}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('channels.audiences.none')}</p>
      ) : (
        <ol className="audience-rows">
          <li className="audience-columns" aria-hidden>
            <span>{nameLabel}</span>
            <span>{idLabel}</span>
          </li>
          {rows.map((r, i) => {
            const row = i + 1;
            const mine = problems.filter((p) => p.row === row);
            const rowLabel = t('channels.audiences.row', { row });
            return (
              <li key={r.key} data-testid={`${kind}-audience-row-${row}`}>
                <div className="audience-row">
                  <input
                    value={r.name}
                    placeholder={t('channels.audiences.namePlaceholder')}
                    aria-label={`${rowLabel}: ${nameLabel}`}
                    aria-invalid={mine.some((p) => p.field === 'name') || undefined}
                    onChange={(e) => set(r.key, { name: e.target.value })}
                    data-testid={`${kind}-audience-name-${row}`}
                  />
                  <input
                    value={r.id}
                    inputMode="numeric"
                    aria-label={`${rowLabel}: ${idLabel}`}
                    aria-invalid={mine.some((p) => p.field === 'id') || undefined}
                    onChange={(e) => set(r.key, { id: e.target.value })}
                    data-testid={`${kind}-audience-id-${row}`}
                  />
                  <button type="button" className="link" aria-label={t('channels.audiences.removeRowLabel', { row })} onClick={() => onChange(rows.filter((x) => x.key !== r.key))} data-testid={`${kind}-audience-remove-${row}`}>
                    {t('channels.audiences.removeRow')}
                  </button>
                </div>
                {mine.map((p) => (
                  <p key={`${p.field}:${p.code}`} className="audience-problem" role="alert" data-testid={`${kind}-audience-problem-${row}`}>
                    {say(p)}
                  </p>
                ))}
              </li>
            );
          })}
        </ol>
      )}
      {tooMany && (
        <p className="audience-problem" role="alert">
          {t('channels.audiences.tooMany')}
        </p>
      )}
      <div>
        <button type="button" onClick={onAdd} data-testid={`${kind}-audience-add`}>
          {t('channels.audiences.add')}
        </button>
      </div>
    </fieldset>
  );
}
