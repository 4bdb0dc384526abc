import { useTranslation } from 'react-i18next';
import type { GraphDiff } from '@braid/journey';
import type { JourneyGraph } from '../api/types';
import { nodeType, portsOf, summaryOf } from '../catalog/registry';
import { nodeLabel } from '../i18n/nodeLabels';
import { fieldLabel, formatValue, hintOf, stepName, textOf } from './changeText';

type Props = { diff: GraphDiff; from: JourneyGraph | null; to: JourneyGraph; onStepClick?: (nodeId: string) => void };

/** What changed, step by step, in the form's words: the publish dialog's summary and the diff view's list. */
export function ChangeList({ diff, from, to, onStepClick }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const find = (id: string) => to.nodes.find((n) => n.id === id) ?? from?.nodes.find((n) => n.id === id);
  const name = (id: string) => stepName(find(id), lang, (type) => nodeLabel(nodeType(type), type), summaryOf) || id;
  const step = (id: string) =>
    onStepClick ? (
      <button className="link" onClick={() => onStepClick(id)}>{name(id)}</button>
    ) : (
      <strong>{name(id)}</strong>
    );
  const portName = (nodeId: string, port: string) => {
    const n = find(nodeId);
    const p = n ? portsOf(n.type, n.config).find((x) => x.id === port) : undefined;
    return textOf(p?.label as unknown, lang) || port;
  };
  const targets = (ids: string[]) => (ids.length ? ids.map(name).join(', ') : t('review.leaves'));

  if (diff.same) return <p className="muted" data-testid="change-list-empty">{t('review.noChanges')}</p>;
  return (
    <ul className="change-list" data-testid="change-list">
      {diff.added.map((s) => (
        <li key={`a-${s.nodeId}`} data-testid={`change-added-${s.nodeId}`}>
          <span className="badge badge-diff-added">{t('versions.added')}</span> {step(s.nodeId)}
        </li>
      ))}
      {diff.removed.map((s) => (
        <li key={`r-${s.nodeId}`} data-testid={`change-removed-${s.nodeId}`}>
          <span className="badge badge-diff-removed">{t('versions.removed')}</span> {step(s.nodeId)}
        </li>
      ))}
      {diff.changed.map((s) => {
        const type = nodeType(s.type);
        return (
          <li key={`c-${s.nodeId}`} data-testid={`change-changed-${s.nodeId}`}>
            <span className="badge badge-diff-changed">{t('versions.changed')}</span> {step(s.nodeId)}
            {s.typeBefore && <span className="muted"> {t('review.typeChanged', { from: nodeLabel(nodeType(s.typeBefore), s.typeBefore), to: nodeLabel(type, s.type) })}</span>}
            <ul>
              {s.fields.map((f) => (
                <li key={f.field} data-testid={`change-field-${s.nodeId}-${f.field}`}>
                  {fieldLabel(type, f.field, lang, t)}: <del>{formatValue(f.before, hintOf(type, f.field), lang, t)}</del> → <ins>{formatValue(f.after, hintOf(type, f.field), lang, t)}</ins>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
      {diff.rewired.map((r) => (
        <li key={`w-${r.nodeId}-${r.port}`} data-testid={`change-rewired-${r.nodeId}-${r.port}`}>
          <span className="badge badge-diff-changed">{t('review.rewired')}</span> {step(r.nodeId)} · {portName(r.nodeId, r.port)}: <del>{targets(r.before)}</del> → <ins>{targets(r.after)}</ins>
        </li>
      ))}
    </ul>
  );
}
