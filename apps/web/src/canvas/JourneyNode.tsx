import { memo, useEffect, useMemo, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import i18next from 'i18next';
import { useShallow } from 'zustand/react/shallow';
import { hasInput, nodeType, portsOf, summaryOf } from '../catalog/registry';
import { formatNumber } from '../format';
import type { JourneyFlowNode } from './graph';
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
  const summary = useMemo(() => summaryOf(data.typeId, data.config), [data.typeId, data.config]);
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

  return (
    <div className={classes} data-node-type={data.typeId}>
      {hasInput(data.typeId) && <Handle type="target" position={Position.Top} id="in" />}
      <div className="jnode-head">
        <NodeIcon typeId={data.typeId} size={14} />
        <span className="jnode-cat">{nodeLabel(type, data.typeId)}</span>
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
          <span title={t('stats.entered')}>↘ {n(stats?.entered)}</span>
          <span title={t('stats.waiting')}>◔ {n(stats?.waiting)}</span>
          <span title={t('stats.exited')}>↗ {n(stats?.exited)}</span>
          <span title={t('stats.converted')}>★ {n(stats?.converted)}</span>
        </div>
      )}
      {ports.length > 0 && (
        <div className="jnode-ports">
          {ports.map((p, i) => (
            <div key={p.id} className="jnode-port" style={{ left: `${((i + 1) / (ports.length + 1)) * 100}%` }}>
              {ports.length > 1 && <span className="jnode-port-label">{localText(p.label)}</span>}
              <Handle type="source" position={Position.Bottom} id={p.id} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

// Measuring and moving change width/height/position props; the card's content does not depend on them.
export const JourneyNode = memo(JourneyNodeView, (a, b) => a.id === b.id && a.data === b.data && a.selected === b.selected);
