// A Liquid template problem (code and params from the journey core) in the UI language, with
// where it is when liquidjs said so. The words live in the core, so the publish check says the same.
import { liquidProblemText as inEachLanguage } from '@braid/journey';
import type { LiquidProblem } from '@braid/journey';
import { localText } from '../i18n/localText';

export function liquidProblemText(problem: LiquidProblem): string {
  return localText(inEachLanguage(problem));
}
