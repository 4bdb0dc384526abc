import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compile, simulate, simulateCohort } from '@braid/journey';
import type { CohortResult, PathEntry } from '@braid/journey';
import type { Json, JourneyIR } from '@braid/sdk';
import { useCanvas } from '../canvas/store';
import type { Highlight } from '../canvas/store';
import { getRegistry } from '../catalog/registry';
import { formatDateTime, formatNumber } from '../format';
import { parseTimeline } from './timeline';
import { customersApi } from '../api/customers';
import type { CustomerRef } from '../api/types';
import { stepName, portName } from '../canvas/stepName';
import { elapsedText, outcomeText, reasonText } from '../i18n/journeyWords';
import { issueMessage, validateGraph } from '../catalog/validate';

function compileDraft(): { ok: true; ir: JourneyIR } | { ok: false; message: string } {
  const graph = useCanvas.getState().graph();
  const r = compile(graph, getRegistry(), { journeyId: 'test-run', version: 0 });
  // The problems in the UI language, named by step, as the problems list says them.
  if (r.ok) return r;
  return { ok: false, message: validateGraph(graph).map((i) => `${i.nodeId ? `${stepName(i.nodeId)}: ` : ''}${issueMessage(i)}`).join('\n') || r.issues.map((i) => i.message).join('\n') };
}

function parsedTraitsOk(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function triggerEventName(): string {
  const t = useCanvas.getState().nodes.find((n) => n.data.typeId === 'trigger-event');
  const e = (t?.data.config as { event?: unknown } | undefined)?.event;
  return typeof e === 'string' && e ? e : 'Entered';
}

function waitedForEvents(): string[] {
  const names = new Set<string>();
  for (const n of useCanvas.getState().nodes) {
    const c = n.data.config as { event?: unknown; match?: { event?: unknown } } | undefined;
    if (n.data.typeId === 'trigger-event') continue;
    if (typeof c?.event === 'string' && c.event) names.add(c.event);
    if (typeof c?.match?.event === 'string' && c.match.event) names.add(c.match.event);
  }
  return [...names];
}

/** Path lighting: every node entered so far, the latest one brighter. */
function light(path: PathEntry[], upTo: number): void {
  const hl: Record<string, Highlight> = {};
  for (const p of path.slice(0, upTo + 1)) if (p.nodeId) hl[p.nodeId] = 'visited';
  const cur = path[upTo]?.nodeId;
  if (cur) hl[cur] = 'current';
  useCanvas.getState().setHighlight(hl);
}

export function TestRunPanel({ journeyId: _journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const [traits, setTraits] = useState('{\n  "firstName": "Toản",\n  "phone": "+84909908089",\n  "city": "Hà Nội"\n}');
  const [entryProps, setEntryProps] = useState('{ "cart_id": "c1", "product_name": "Thịt trâu gác bếp", "price": 1700000 }');
  const [timeline, setTimeline] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState<PathEntry[] | null>(null);
  const [cursor, setCursor] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [size, setSize] = useState(1000);
  const [rates, setRates] = useState<Record<string, number>>({});
  const [forecast, setForecast] = useState<CohortResult | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const events = useMemo(waitedForEvents, []);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CustomerRef[]>([]);

  useEffect(() => {
    if (!query.trim()) return setFound([]);
    const timer = setTimeout(() => customersApi.search(query).then(setFound, () => setFound([])), 250);
    return () => clearTimeout(timer);
  }, [query]);

  /** A real customer's profile as the test customer (the simulation never touches them). */
  async function loadCustomer(id: string) {
    try {
      const c = await customersApi.get(id);
      setTraits(JSON.stringify(c.traits, null, 2));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  useEffect(() => () => {
    if (timer.current) clearInterval(timer.current);
    useCanvas.getState().setHighlight({});
    useCanvas.getState().setStats(null);
  }, []);

  useEffect(() => {
    if (!playing || !path) return;
    timer.current = setInterval(() => {
      setCursor((c) => {
        const next = Math.min(c + 1, path.length - 1);
        light(path, next);
        if (next === path.length - 1) setPlaying(false);
        return next;
      });
    }, 700);
    return () => {
      if (timer.current) clearInterval(timer.current);
    };
  }, [playing, path]);

  function run() {
    setError(null);
    const compiled = compileDraft();
    if (!compiled.ok) return setError(compiled.message);
    let parsedTraits: Record<string, Json>;
    let parsedProps: Record<string, Json>;
    try {
      parsedTraits = JSON.parse(traits) as Record<string, Json>;
      parsedProps = JSON.parse(entryProps) as Record<string, Json>;
    } catch (e) {
      return setError(t('editorText.invalidJson', { what: t(parsedTraitsOk(traits) ? 'editorText.propsJson' : 'editorText.traitsJson'), message: (e as Error).message }));
    }
    const tl = parseTimeline(timeline);
    if (!tl.ok) return setError(t('editorText.timelineLine', { line: tl.line, message: tl.reason === 'shape' ? t('editorText.timelineShape') : t('editorText.invalidJson', { what: t('editorText.propsJson'), message: tl.message }) }));
    const result = simulate(compiled.ir, { traits: parsedTraits, entryEvent: { name: triggerEventName(), properties: parsedProps }, events: tl.events, horizonMs: 90 * 86_400_000 });
    const entered = result.path.filter((p) => p.what === 'entered' || p.what === 'converted' || p.what === 'exited');
    setPath(entered);
    setCursor(0);
    light(entered, 0);
    setPlaying(true);
    if (result.errors.length) setError(result.errors.join('\n'));
  }

  function runForecast() {
    setError(null);
    const compiled = compileDraft();
    if (!compiled.ok) return setError(compiled.message);
    let parsedProps: Record<string, Json> = {};
    try {
      parsedProps = JSON.parse(entryProps) as Record<string, Json>;
    } catch {
      // Forecasts work without properties.
    }
    const result = simulateCohort(compiled.ir, {
      customers: Math.max(1, Math.min(20_000, size)),
      entryEvent: { name: triggerEventName(), properties: parsedProps },
      behaviours: events.map((name) => ({ name, probabilityPerDay: rates[name] ?? 0.1 })),
    });
    setForecast(result);
    useCanvas.getState().setStats(Object.entries(result.perNode).map(([nodeId, c]) => ({ nodeId, entered: c.customers, waiting: 0, exited: 0, converted: 0 })));
  }

  const label = (id: string | null) => stepName(id);
  const current = path?.[cursor];

  return (
    <div className="sim-controls" data-testid="test-run">
      <h4>{t('testRun.customer')}</h4>
      <div className="customer-picker">
        <input placeholder={t('panel.chooseCustomer')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <select value="" onChange={(e) => e.target.value && void loadCustomer(e.target.value)} aria-label={t('panel.chooseCustomer')}>
          <option value="">—</option>
          {found.map((c) => (
            <option key={c.id} value={c.id}>{c.name ?? c.email ?? c.phone ?? c.id}</option>
          ))}
        </select>
      </div>
      <label>{t('testRun.traits')}<textarea rows={4} value={traits} onChange={(e) => setTraits(e.target.value)} /></label>
      <label>{t('panel.entryEvent')} ({triggerEventName()})<textarea rows={2} value={entryProps} onChange={(e) => setEntryProps(e.target.value)} /></label>
      <label>{t('testRun.timeline')}<textarea rows={3} value={timeline} placeholder={'+2h Order Completed {"cart_id":"c1"}'} onChange={(e) => setTimeline(e.target.value)} data-testid="sim-timeline" /></label>
      <div className="row">
        <button className="primary" onClick={run} data-testid="sim-run">{t('testRun.run')}</button>
        <button disabled={!path || cursor >= (path?.length ?? 0) - 1} onClick={() => path && (setCursor(cursor + 1), light(path, cursor + 1))}>{t('testRun.step')}</button>
        <button disabled={!path} onClick={() => setPlaying((p) => !p)}>{playing ? t('testRun.pause') : t('testRun.play')}</button>
      </div>
      {error && <pre className="error">{error}</pre>}
      {path && (
        <>
          <div data-testid="sim-clock"><strong>{t('testRun.clock')}:</strong> {current ? formatDateTime(current.at, i18n.language) : '—'}</div>
          <ol className="sim-log" data-testid="sim-path">
            {path.map((p, i) => (
              <li key={i} className={i === cursor ? 'current' : ''} style={{ opacity: i > cursor ? 0.4 : 1 }}>
                {label(p.nodeId)} · {outcomeText(p.what)} <span className="muted">+{elapsedText(p.elapsedMs)}</span>
                {reasonText(p.what, p.reason, (port) => portName(p.nodeId, port)) && <div className="muted">{reasonText(p.what, p.reason, (port) => portName(p.nodeId, port))}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
      <h4>{t('testRun.cohort')}</h4>
      <label className="row">{t('testRun.cohortSize')} <input type="number" min={1} max={20000} value={size} onChange={(e) => setSize(Number(e.target.value))} /></label>
      {events.map((name) => (
        <label key={name} className="row">
          {t('editorText.perDay', { event: name })}
          <input type="number" step={0.05} min={0} max={1} value={rates[name] ?? 0.1} onChange={(e) => setRates({ ...rates, [name]: Number(e.target.value) })} />
        </label>
      ))}
      <button onClick={runForecast} data-testid="forecast-run">{t('testRun.forecast')}</button>
      {forecast && (
        <div data-testid="forecast">
          <p>
            {formatNumber(forecast.conversions, i18n.language)} / {formatNumber(forecast.customers, i18n.language)} ({(forecast.conversionRate * 100).toFixed(1)}%)
          </p>
          <table className="forecast">
            <tbody>
              {Object.entries(forecast.perNode).map(([id, c]) => (
                <tr key={id}><td>{label(id)}</td><td className="num">{formatNumber(c.customers, i18n.language)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
