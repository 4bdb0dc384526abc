import { memo, useEffect, useMemo, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import i18next from 'i18next';
import { useShallow } from 'zustand/react/shallow';
import { hasInput, nodeType, portsOf, summaryOf } from '../catalog/registry';
import { formatNumber } from '../format';
import type { JourneyFlowNode } from './graph';
import { cardWidth, portFraction } from './graph';
import { withStepNames } from './stepName';
import { useCanvas } from './store';
import { nodeLabel } from '../i18n/nodeLabels';
import { NodeIcon } from './NodeIcon';
import { localText } from '../i18n/localText';
import { issueMessage } from '../catalog/validate';

// One component renders every node type from its declaration: a custom type needs no UI code.
// Hundreds of these render at once, so it reads the store through one selector and uses
// i18next directly instead of a hook per node.
function JourneyNodeView({ id, data, selected }: NodeProps<JourneyFlowNode>) {
  const [issues, stats, showStats, highlight, diff] = useCanvas(
    useShallow((s) => [s.issuesByNode[id], s.stats?.[id], s.stats !== null, s.highlight[id], s.diff[id]] as const),
  );
  const type = nodeType(data.typeId);
  const ports = useMemo(() => portsOf(data.typeId, data.config), [data.typeId, data.config]);
  const summary = useMemo(() => withStepNames(summaryOf(data.typeId, data.config), data.typeId, data.config), [data.typeId, data.config]);
  // A split gaining a branch gains a handle: React Flow must measure it again (not on first mount).
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = ports.map((p) => p.id).join('|');
  const mountedPorts = useRef(portKey);
  useEffect(() => {
    if (mountedPorts.current === portKey) return;
    mountedPorts.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);
  const t = i18next.t.bind(i18next);
  const n = (v: number | undefined) => formatNumber(v ?? 0, i18next.language);

  let classes = `jnode cat-${type?.category ?? 'unknown'}`;
  if (selected) classes += ' selected';
  if (issues?.length) classes += ' has-issues';
  if (highlight) classes += ` hl-${highlight}`;
  if (diff) classes += ` diff-${diff}`;

  const typeName = nodeLabel(type, data.typeId);
  const name = data.label || typeName;
  return (
    <div className={classes} data-node-type={data.typeId} style={{ width: cardWidth(ports.length) }}>
      {hasInput(data.typeId) && <Handle type="target" position={Position.Top} id="in" />}
      <div className="jnode-head">
        <span className="jnode-icon"><NodeIcon typeId={data.typeId} size={16} /></span>
        <span className="jnode-names">
          <span className="jnode-name" data-testid="step-name" title={name}>{name}</span>
          {data.label && data.label !== typeName && <span className="jnode-type">{typeName}</span>}
        </span>
        {issues?.length ? (
          <span className="badge badge-error" title={issues.map(issueMessage).join('\n')} data-testid="node-issues">
            {issues.length}
          </span>
        ) : null}
        {diff && <span className={`badge badge-diff-${diff}`}>{t(`versions.${diff}`)}</span>}
      </div>
      <div className="jnode-summary" title={summary}>{type ? summary : `${data.typeId}?`}</div>
      {showStats && (
        <div className="jnode-stats" data-testid="node-stats">
          <span className="count count-entered" title={t('stats.entered')}>↘ {n(stats?.entered)}</span>
          <span className="count count-waiting" title={t('stats.waiting')}>◔ {n(stats?.waiting)}</span>
          <span className="count count-exited" title={t('stats.exited')}>↗ {n(stats?.exited)}</span>
          <span className="count count-converted" title={t('stats.converted')}>★ {n(stats?.converted)}</span>
        </div>
      )}
      {ports.length > 1 && (
        // Equal cells, one per path: labels wrap inside their own cell and never overlap.
        <div className="jnode-port-labels">
          {ports.map((p) => (
            <span key={p.id} className="jnode-port-label" data-port={p.id}>{localText(p.label)}</span>
          ))}
        </div>
      )}
      {ports.map((p, i) => (
        <Handle key={p.id} type="source" position={Position.Bottom} id={p.id} style={{ left: `${portFraction(i, ports.length) * 100}%` }} />
      ))}
    </div>
  );
}

// Measuring and moving change width/height/position props; the card's content does not depend on them.
export const JourneyNode = memo(JourneyNodeView, (a, b) => a.id === b.id && a.data === b.data && a.selected === b.selected);
