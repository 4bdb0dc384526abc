// Journey templates: the reference journeys shipped with the journey core (SCENARIO.md), in the
// UI language. The core's graphs carry the wiring and settings; the texts a marketer reads
// (names, step names, messages, exit reasons) come from ./templates in every language.
import { journeyTemplates as coreTemplates } from '@braid/journey/fixtures';
import type { Language } from '@braid/sdk';
import type { JourneyGraph } from '../api/types';
import { uiLanguage } from '../i18n/localText';
import { bestChannelReachTexts } from './templates/texts-best-channel-reach';
import { crossDeviceLoyaltyTexts } from './templates/texts-cross-device-loyalty';
import { hoaBanFoodTexts } from './templates/texts-hoa-ban-food';
import { browseAbandonmentTexts, postPurchaseReviewTexts, welcomeSeriesTexts, winBackTexts } from './templates/texts-others';
import { paymentFailedRescueTexts } from './templates/texts-payment-failed-rescue';
import type { TemplateTexts } from './templates/types';

export type JourneyTemplate = { id: string; name: string; description: string; graph: JourneyGraph };

export const templateTexts: Record<string, TemplateTexts> = {
  'hoa-ban-food': hoaBanFoodTexts,
  'welcome-series': welcomeSeriesTexts,
  'post-purchase-review': postPurchaseReviewTexts,
  'win-back': winBackTexts,
  'browse-abandonment': browseAbandonmentTexts,
  'payment-failed-rescue': paymentFailedRescueTexts,
  'best-channel-reach': bestChannelReachTexts,
  'cross-device-loyalty': crossDeviceLoyaltyTexts,
};

/** The core template's graph with every marketer-facing text in `lang`. */
export function localizeGraph(graph: JourneyGraph, texts: TemplateTexts, lang: Language): JourneyGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => {
      const step = texts.steps[n.id];
      const fields = texts.fields[n.id];
      const config =
        fields && typeof n.config === 'object' && n.config !== null
          ? { ...(n.config as Record<string, unknown>), ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v[lang]])) }
          : n.config;
      return { ...n, config, ...(step ? { label: step[lang] } : {}) };
    }),
  };
}

export function journeyTemplates(lang: Language = uiLanguage()): readonly JourneyTemplate[] {
  return coreTemplates.map((t) => {
    const texts = templateTexts[t.id];
    if (!texts) return t;
    return { id: t.id, name: texts.name[lang], description: texts.description[lang], graph: localizeGraph(t.graph, texts, lang) };
  });
}
