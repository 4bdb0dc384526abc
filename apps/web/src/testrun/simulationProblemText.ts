// A simulator problem (code, params and node from the journey core) in the UI language, the
// step called by the marketer's own name.
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import type { SimulationProblem } from '@braid/journey';

export function simulationProblemText(problem: SimulationProblem, stepName: (nodeId: string) => string, t: TFunction = i18next.t.bind(i18next) as TFunction): string {
  const step = problem.nodeId ? stepName(problem.nodeId) : (problem.params.stepId ?? '—');
  return t(`testRunText.simulation.${problem.code}`, { ...problem.params, step });
}
