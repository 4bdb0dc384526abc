import { useTranslation } from 'react-i18next';
import { useReactFlow } from '@xyflow/react';
import { useCanvas } from '../canvas/store';
import { issueMessage } from '../catalog/validate';
import { stepName } from '../canvas/stepName';

/** Every problem in the journey; clicking one selects and centres its step. */
export function ProblemsList() {
  const { t } = useTranslation();
  const issues = useCanvas((s) => s.issues);
  const { setCenter, getNode } = useReactFlow();

  function focus(nodeId: string | null) {
    if (!nodeId) return;
    useCanvas.getState().selectOnly(nodeId);
    const n = getNode(nodeId);
    if (n) void setCenter(n.position.x + 110, n.position.y + 40, { zoom: 1, duration: 200 });
  }

  if (issues.length === 0) return <p className="ok" data-testid="no-problems">✓ {t('editor.noProblems')}</p>;
  return (
    <ul className="problems" data-testid="problems">
      {issues.map((i, k) => {
        const label = i.nodeId ? stepName(i.nodeId) : '';
        return (
          <li key={k}>
            <button className="link" onClick={() => focus(i.nodeId)}>
              {label && <strong>{label}: </strong>}
              {issueMessage(i)}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
