import { useTranslation } from 'react-i18next';
import { MAX_STEP_NAME } from '@braid/journey';
import { useCanvas } from '../canvas/store';
import type { ValidationIssue } from '../api/types';
import { issueMessage, pathString } from '../catalog/validate';

type Props = { nodeId: string; label: string | undefined; placeholder: string; issues: ValidationIssue[]; readOnly: boolean };

/** The marketer's name for the step, checked as it is typed (unique, short enough to read). */
export function StepNameField({ nodeId, label, placeholder, issues, readOnly }: Props) {
  const { t } = useTranslation();
  const rename = useCanvas((s) => s.renameNode);
  const errors = issues.filter((i) => pathString(i.path) === 'label');
  return (
    <div className={`field step-name-field ${errors.length ? 'invalid' : ''}`}>
      <label htmlFor="step-name">{t('editorText.stepName')}</label>
      <input
        id="step-name"
        data-testid="step-name-input"
        value={label ?? ''}
        placeholder={placeholder}
        maxLength={MAX_STEP_NAME}
        disabled={readOnly}
        onChange={(e) => rename(nodeId, e.target.value)}
      />
      <small className="help">{t('editorText.stepNameHelp')}</small>
      {errors.map((i, k) => (
        <small key={k} className="error" data-testid="error-label">{issueMessage(i)}</small>
      ))}
    </div>
  );
}
