// The rule checked in the browser with the API's own schema, so a problem shows at once, in the
// UI language, naming where it is; the live preview asks the server only for a complete rule.
import { useEffect, useMemo, useState } from 'react';
import { segmentRuleSchema, type SegmentRule } from '@braid/journey';
import { decodeText } from '@braid/sdk';
import { uiLanguage } from '../i18n/localText';
import { ApiError } from '../api/http';
import { segmentsApi, type PreviewView } from './api';

export type RuleProblem = { path: string; message: string };

/** `conditions.1.conditions.0.event` → `2.1`: the condition as the marketer counts them. */
export function conditionNumber(path: string): string {
  return [...path.matchAll(/conditions\.(\d+)/g)].map((m) => Number(m[1]) + 1).join('.');
}

export function useRuleProblems(rule: SegmentRule): RuleProblem[] {
  return useMemo(() => {
    const parsed = segmentRuleSchema.safeParse(rule);
    if (parsed.success) return [];
    return parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: decodeText(i.message)?.[uiLanguage()] ?? i.message }));
  }, [rule]);
}

const PAUSE_MS = 350;

export type PreviewState = { status: 'idle' | 'busy' | 'done' | 'refused'; result: PreviewView | null; problem: RuleProblem | null };

/** Size and sample of the rule as edited, asked a short pause after the last change. */
export function usePreview(rule: SegmentRule, selfId: string | null, complete: boolean): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'idle', result: null, problem: null });
  const key = JSON.stringify(rule);
  useEffect(() => {
    if (!complete) {
      setState((s) => ({ ...s, status: 'idle' }));
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, status: 'busy' }));
      segmentsApi
        .preview(JSON.parse(key) as SegmentRule, selfId, abort.signal)
        .then((result) => setState({ status: 'done', result, problem: null }))
        .catch((e: unknown) => {
          if ((e as Error).name === 'AbortError') return;
          const detail = e instanceof ApiError && Array.isArray(e.details) ? (e.details[0] as { field?: string } | undefined) : undefined;
          setState({ status: 'refused', result: null, problem: { path: detail?.field ?? '', message: e instanceof Error ? e.message : String(e) } });
        });
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [key, selfId, complete]);
  return state;
}
