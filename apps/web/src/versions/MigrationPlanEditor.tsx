import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customersMoved, migrationApi, type MigrationOptions, type MigrationPlan } from '../api/migration';
import type { JourneyGraph } from '../api/types';
import { nodeType, summaryOf } from '../catalog/registry';
import { formatNumber } from '../format';
import { nodeLabel } from '../i18n/nodeLabels';
import { describeError } from '../ui/describeError';
import { stepName } from './changeText';
import './migrationTexts';
import { useVersionGraphs } from './useVersionGraphs';

type Props = { journeyId: string; draft: JourneyGraph; onChange: (plan: MigrationPlan | null) => void };
type Choice = Record<number, { action: 'stay' | 'move'; steps: Record<string, string> }>;

/**
 * Publishing asks what happens to the customers already inside older versions: they stay
 * (today's behaviour, the default) or move to the new version, each waiting step mapped onto a
 * step of the new one — suggested where the step is still there and waits the same way.
 */
export function MigrationPlanEditor({ journeyId, draft, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const [options, setOptions] = useState<MigrationOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<Choice>({});
  const graphs = useVersionGraphs(journeyId, options?.versions.map((v) => v.version) ?? []);

  useEffect(() => {
    let cancelled = false;
    migrationApi.options(journeyId).then(
      (o) => {
        if (cancelled) return;
        setOptions(o);
        // Everyone stays unless someone chooses otherwise; a move starts from the suggestions.
        setChoice(Object.fromEntries(o.versions.map((v) => [v.version, { action: 'stay', steps: Object.fromEntries(v.steps.filter((s) => s.suggested).map((s) => [s.stepId, s.suggested!])) }])));
      },
      (err: unknown) => !cancelled && setError(describeError(err, t)),
    );
    return () => {
      cancelled = true;
    };
  }, [journeyId, t]);

  const plan = useMemo<MigrationPlan | null>(
    () => (options ? { versions: options.versions.map((v) => ({ version: v.version, action: choice[v.version]?.action ?? 'stay', steps: choice[v.version]?.steps ?? {} })) } : null),
    [options, choice],
  );
  useEffect(() => onChange(plan), [plan, onChange]);

  if (error) return <p className="error">{error}</p>;
  if (!options || options.versions.length === 0) return null;
  const name = (graph: JourneyGraph | undefined, id: string) => stepName(graph?.nodes.find((x) => x.id === id), i18n.language, (type) => nodeLabel(nodeType(type), type), summaryOf) || id;
  const set = (version: number, patch: Partial<Choice[number]>) => setChoice((c) => ({ ...c, [version]: { ...(c[version] ?? { action: 'stay', steps: {} }), ...patch } }));

  return (
    <div className="migration-plan" data-testid="migration-plan">
      <h4>{t('migration.title')}</h4>
      {options.versions.map((v) => {
        const mine = choice[v.version] ?? { action: 'stay', steps: {} };
        return (
          <fieldset key={v.version} data-testid={`migration-v${v.version}`}>
            <legend>{t('migration.versionHeading', { version: v.version, n: n(v.customers) })}</legend>
            <label className="checkbox-line">
              <input type="radio" name={`migration-${v.version}`} data-testid={`migration-v${v.version}-stay`} checked={mine.action === 'stay'} onChange={() => set(v.version, { action: 'stay' })} />
              {t('migration.stay', { version: v.version })}
            </label>
            <label className="checkbox-line">
              <input
                type="radio"
                name={`migration-${v.version}`}
                data-testid={`migration-v${v.version}-move`}
                disabled={!options.ready}
                checked={mine.action === 'move'}
                onChange={() => set(v.version, { action: 'move' })}
              />
              {t('migration.move', { version: options.toVersion })}
            </label>
            {mine.action === 'move' && (
              <table className="table compact">
                <thead>
                  <tr>
                    <th>{t('migration.step')}</th>
                    <th className="num">{t('migration.customers')}</th>
                    <th>{t('migration.moveTo')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.steps.map((s) => (
                    <tr key={s.stepId}>
                      <td>{name(graphs[v.version], s.stepId)}</td>
                      <td className="num">{n(s.customers)}</td>
                      <td>
                        {s.waits === null ? (
                          <span className="muted">{t('migration.notMovable')}</span>
                        ) : (
                          <select
                            data-testid={`migration-v${v.version}-step-${s.stepId}`}
                            value={mine.steps[s.stepId] ?? ''}
                            onChange={(e) => {
                              const steps = { ...mine.steps };
                              if (e.target.value) steps[s.stepId] = e.target.value;
                              else delete steps[s.stepId];
                              set(v.version, { steps });
                            }}
                          >
                            <option value="">{t('migration.staysHere', { version: v.version })}</option>
                            {options.targets
                              .filter((target) => target.waits === s.waits)
                              .map((target) => (
                                <option key={target.stepId} value={target.stepId}>
                                  {name(draft, target.stepId)}
                                  {target.stepId === s.suggested ? ` (${t('migration.suggested')})` : ''}
                                </option>
                              ))}
                          </select>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </fieldset>
        );
      })}
      {!options.ready && <p className="muted">{t('migration.noTargets')}</p>}
      <p className="muted" data-testid="migration-summary">
        {t('migration.summary', { moved: n(customersMoved(options, plan)), version: options.toVersion })} {t('migration.keepsDeadline')}
      </p>
    </div>
  );
}
