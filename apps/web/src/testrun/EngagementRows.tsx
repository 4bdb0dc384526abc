// What the test customer does with the journey's messages: "Email giỏ hàng — KHÔNG mở", picked
// per message step by its name. A message without an answer counts as sent and not opened.
import { useTranslation } from 'react-i18next';
import { FieldError } from './ValueRows';
import { engagementFacts } from './scenarioForm';
import type { EngagementFact, EngagementRow } from './scenarioForm';

type Props = {
  rows: EngagementRow[];
  onChange: (rows: EngagementRow[]) => void;
  /** The journey's message steps: node id and the step's name. */
  messages: readonly { id: string; name: string }[];
  errors: Readonly<Record<string, string>>;
};

export function EngagementRows({ rows, onChange, messages, errors }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<EngagementRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  if (messages.length === 0) return <p className="muted">{t('testRunText.noMessages')}</p>;
  return (
    <div className="rows" data-testid="sim-engagement">
      {rows.length === 0 && <p className="muted">{t('testRunText.engagementNone')}</p>}
      {rows.map((r, i) => (
        <div key={i} className="rows">
          <div className="row sim-row">
            <select aria-label={t('testRunText.message')} data-testid={`sim-engagement-${i}-step`} value={r.nodeId} onChange={(e) => set(i, { nodeId: e.target.value })}>
              <option value="">{t('testRunText.message')}…</option>
              {r.nodeId && !messages.some((m) => m.id === r.nodeId) && <option value={r.nodeId}>{r.nodeId}</option>}
              {messages.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
            <select aria-label={t('testRunText.engagementTitle')} data-testid={`sim-engagement-${i}-fact`} value={r.fact} onChange={(e) => set(i, { fact: e.target.value as EngagementFact })}>
              {engagementFacts.map((f) => <option key={f} value={f}>{t(`testRunText.fact.${f}`)}</option>)}
            </select>
            <button className="link" aria-label={t('testRunText.remove')} title={t('testRunText.remove')} onClick={() => onChange(rows.filter((_, j) => j !== i))}>×</button>
          </div>
          <FieldError errors={errors} field={`engagement.${i}.nodeId`} />
          <FieldError errors={errors} field={`engagement.${i}.fact`} />
        </div>
      ))}
      <button className="small" data-testid="sim-engagement-add" onClick={() => onChange([...rows, { nodeId: messages[0]?.id ?? '', fact: 'opened' }])}>+ {t('testRunText.addEngagement')}</button>
    </div>
  );
}
