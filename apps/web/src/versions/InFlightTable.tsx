import { useTranslation } from 'react-i18next';
import type { InFlight } from '../api/review';
import { nodeType, summaryOf } from '../catalog/registry';
import { formatNumber } from '../format';
import { nodeLabel } from '../i18n/nodeLabels';
import { stepName } from './changeText';
import { useVersionGraphs } from './useVersionGraphs';

type Props = { journeyId: string; inFlight: InFlight; activeVersion: number | null };

/** Customers inside each version now and the step each waits at: who a publish, pause or archive affects. */
export function InFlightTable({ journeyId, inFlight, activeVersion }: Props) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const graphs = useVersionGraphs(journeyId, inFlight.versions.map((v) => v.version));
  const name = (version: number, id: string | null) => {
    if (id === null) return t('review.entering');
    return stepName(graphs[version]?.nodes.find((x) => x.id === id), i18n.language, (type) => nodeLabel(nodeType(type), type), summaryOf) || id;
  };
  if (inFlight.customers === 0) return <p className="muted" data-testid="in-flight-none">{t('review.nobodyInside')}</p>;
  return (
    <table className="table compact" data-testid="in-flight">
      <thead>
        <tr>
          <th>{t('review.version')}</th>
          <th>{t('review.waitingAt')}</th>
          <th className="num">{t('review.customers')}</th>
        </tr>
      </thead>
      <tbody>
        {inFlight.versions.flatMap((v) =>
          v.waiting.map((w, i) => (
            <tr key={`${v.version}-${w.nodeId ?? ''}`} data-testid={`in-flight-${v.version}-${w.nodeId ?? 'entering'}`}>
              <td>{i === 0 && <>v{v.version}{v.version === activeVersion ? ` (${t('versions.active')})` : ''} · {t('review.customersCount', { count: v.customers, n: n(v.customers) })}</>}</td>
              <td>{name(v.version, w.nodeId)}</td>
              <td className="num">{n(w.customers)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
