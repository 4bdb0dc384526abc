import { memo, useMemo } from 'react';
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { hasInput, nodeType, portsOf, summaryOf } from '../catalog/registry';
import { formatNumber } from '../format';
import type { JourneyFlowNode } from './graph';
import { useCanvas } from './store';

// One component renders every node type from its declaration: a custom type needs no UI code.
function JourneyNodeView({ id, data, selected }: NodeProps<JourneyFlowNode>) {
  const { t, i18n } = useTranslation();
  const type = nodeType(data.typeId);
  const issues = useCanvas((s) => s.issuesByNode[id]);
  const stats = useCanvas((s) => s.stats?.[id]);
  const showStats = useCanvas((s) => s.stats !== null);
  const highlight = useCanvas((s) => s.highlight[id]);
  const diff = useCanvas((s) => s.diff[id]);
  const ports = useMemo(() => portsOf(data.typeId, data.config), [data.typeId, data.config]);
  const summary = useMemo(() => summaryOf(data.typeId, data.config), [data.typeId, data.config]);
  const category = type?.category ?? 'unknown';
  const n = (v: number | undefined) => formatNumber(v ?? 0, i18n.language);

  const classes = ['jnode', `cat-${category}`];
  if (selected) classes.push('selected');
  if (issues?.length) classes.push('has-issues');
  if (highlight) classes.push(`hl-${highlight}`);
  if (diff) classes.push(`diff-${diff}`);

  return (
    <div className={classes.join(' ')} data-node-type={data.typeId} data-testid={`node-${id}`}>
      {hasInput(data.typeId) && <Handle type="target" position={Position.Top} id="in" />}
      <div className="jnode-head">
        <span className="jnode-cat">{type?.label ?? data.typeId}</span>
        {issues?.length ? (
          <span className="badge badge-error" title={issues.map((i) => i.message).join('\n')} data-testid="node-issues">
            {issues.length}
          </span>
        ) : null}
        {diff && <span className={`badge badge-diff-${diff}`}>{t(`versions.${diff}`)}</span>}
      </div>
      <div className="jnode-summary" title={summary}>{type ? summary : `${data.typeId}?`}</div>
      {showStats && (
        <div className="jnode-stats" data-testid="node-stats">
          <span title={t('stats.entered')}>↘ {n(stats?.entered)}</span>
          <span title={t('stats.waiting')}>⏸ {n(stats?.waiting)}</span>
          <span title={t('stats.exited')}>↗ {n(stats?.exited)}</span>
          <span title={t('stats.converted')}>★ {n(stats?.converted)}</span>
        </div>
      )}
      {ports.length > 0 && (
        <div className="jnode-ports">
          {ports.map((p, i) => (
            <div key={p.id} className="jnode-port" style={{ left: `${((i + 1) / (ports.length + 1)) * 100}%` }}>
              {ports.length > 1 && <span className="jnode-port-label">{p.label}</span>}
              <Handle type="source" position={Position.Bottom} id={p.id} data-testid={`port-${id}-${p.id}`} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const JourneyNode = memo(JourneyNodeView);
