// A Liquid template problem (code and params from the journey core) in the UI language, with
// where it is when liquidjs said so.
import i18next from 'i18next';
import type { TFunction } from 'i18next';
import type { LiquidProblem } from '@braid/journey';

export function liquidProblemText(problem: LiquidProblem, t: TFunction = i18next.t.bind(i18next) as TFunction): string {
  const p = problem.params;
  const text = t(`testRunText.liquid.${problem.code}`, { ...p, open: '{{', close: '}}' });
  return p.line && p.col ? `${text} (${t('testRunText.liquid.at', { line: p.line, col: p.col })})` : text;
}
