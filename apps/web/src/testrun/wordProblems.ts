// The form's problems in the UI language, keyed by the field they belong under.
import type { TFunction } from 'i18next';
import type { FormProblem } from './scenarioForm';

export function wordProblems(problems: readonly FormProblem[], t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const params = { ...p.params, ...(p.params?.other ? { other: t(`testRunText.fact.${p.params.other}`) } : {}) };
    // The first problem of a field is the one to fix first.
    out[p.field] ??= t(`testRunText.problem.${p.code}`, params);
  }
  return out;
}
