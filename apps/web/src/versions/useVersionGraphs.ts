import { useEffect, useState } from 'react';
import { journeysApi } from '../api/journeys';
import type { JourneyGraph } from '../api/types';

/**
 * The graphs of the versions customers are in, so a step is named as it is in *their* version
 * (the draft may have changed its settings since). Missing ones simply fall back to the id.
 */
export function useVersionGraphs(journeyId: string, versions: readonly number[]): Record<number, JourneyGraph> {
  const [graphs, setGraphs] = useState<Record<number, JourneyGraph>>({});
  const key = [...versions].sort((a, b) => a - b).join(',');
  useEffect(() => {
    let cancelled = false;
    const wanted = key ? key.split(',').map(Number).slice(-20) : [];
    void Promise.all(
      wanted.map((v) =>
        journeysApi.version(journeyId, v).then(
          (r) => [v, r.graph] as const,
          () => [v, undefined] as const,
        ),
      ),
    ).then((pairs) => {
      if (cancelled) return;
      const out: Record<number, JourneyGraph> = {};
      for (const [v, g] of pairs) if (g) out[v] = g;
      setGraphs(out);
    });
    return () => {
      cancelled = true;
    };
  }, [journeyId, key]);
  return graphs;
}
