import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { FieldHint } from '@braid/sdk';
import { useCanvas } from '../canvas/store';
import { nodeType } from '../catalog/registry';
import { SchemaForm } from './SchemaForm';
import { nodeLabel } from '../i18n/nodeLabels';
import { NodeIcon } from '../canvas/NodeIcon';
import { localText } from '../i18n/localText';
import { StepNameField } from './StepNameField';
import { pathString } from '../catalog/validate';

const none: never[] = [];

// liquidjs is only needed once someone previews a message.
const MessagePreview = lazy(() => import('./MessagePreview').then((m) => ({ default: m.MessagePreview })));

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Settings of the selected step. */
export function NodePanel() {
  const { t } = useTranslation();
  const selected = useCanvas(useShallow((s) => s.nodes.filter((n) => n.selected)));
  const node = selected.length === 1 ? selected[0] : undefined;
  const issues = useCanvas((s) => (node ? (s.issuesByNode[node.id] ?? none) : none));
  const readOnly = useCanvas((s) => s.mode !== 'edit');
  const updateConfig = useCanvas((s) => s.updateConfig);
  const type = node ? nodeType(node.data.typeId) : undefined;
  const config = asRecord(node?.data.config);

  const liquidFields = useMemo(() => {
    if (!type) return [];
    return Object.entries(type.form as Record<string, FieldHint<Record<string, unknown>> | undefined>)
      .filter(([, h]) => h?.widget === 'liquid')
      .map(([name, h]) => ({ name, label: h ? localText(h.label) : name, source: typeof config[name] === 'string' ? (config[name] as string) : '' }))
      .filter((f) => f.source);
    // config identity changes on each edit, which is when the preview must re-render
  }, [type, config]);

  if (selected.length > 1) return <aside className="side-panel"><p className="muted">{t('panel.multiSelected', { count: selected.length })}</p></aside>;
  if (!node) return <aside className="side-panel"><p className="muted">{t('panel.nothingSelected')}</p></aside>;
  if (!type) return <aside className="side-panel"><p className="error">{node.data.typeId}?</p></aside>;

  return (
    <aside className="side-panel" data-testid="node-panel">
      <h3 className="panel-title"><NodeIcon typeId={type.id} size={18} /> {node.data.label || nodeLabel(type)}</h3>
      <p className="muted">{node.data.label ? `${nodeLabel(type)} · ` : ''}{localText(type.description)}</p>
      <StepNameField nodeId={node.id} label={node.data.label} placeholder={nodeLabel(type)} issues={issues} readOnly={readOnly} />
      <SchemaForm nodeId={node.id} type={type} config={config} issues={issues.filter((i) => pathString(i.path) !== 'label')} readOnly={readOnly} onChange={(c) => updateConfig(node.id, c)} />
      {liquidFields.length > 0 && (
        <Suspense fallback={null}>
          <MessagePreview fields={liquidFields} />
        </Suspense>
      )}
    </aside>
  );
}
