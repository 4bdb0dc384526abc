import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compile, simulate, simulateCohort } from '@braid/journey';
import type { CohortResult } from '@braid/journey';
import type { JourneyIR } from '@braid/sdk';
import { useCanvas } from '../canvas/store';
import type { Highlight } from '../canvas/store';
import { getRegistry } from '../catalog/registry';
import { formatDateTime, formatNumber, getWorkspaceTimeZone } from '../format';
import { useEventCatalogue } from '../panel/widgets/eventCatalogue';
import { CustomerSection } from './CustomerSection';
import { EngagementRows } from './EngagementRows';
import { EventRows } from './EventRows';
import { SegmentChecks } from './SegmentChecks';
import { ValueRows } from './ValueRows';
import { checkedSegments, entryEventName, messageSteps, waitedForEvents } from './journeyFacts';
import { pathRows } from './pathRows';
import type { PathRow } from './pathRows';
import { RenderedMessage } from './RenderedMessage';
import type { MessageContext } from './RenderedMessage';
import { readTestRunForm, rowsOf } from './scenarioForm';
import type { TestRunForm } from './scenarioForm';
import { simulationProblemText } from './simulationProblemText';
import { wordProblems } from './wordProblems';
import './testrun.css';
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

/** Path lighting: every node entered so far, the latest one brighter. */
function light(path: PathRow[], upTo: number): void {
  const hl: Record<string, Highlight> = {};
  for (const p of path.slice(0, upTo + 1)) if (p.nodeId) hl[p.nodeId] = 'visited';
  const cur = path[upTo]?.nodeId;
  if (cur) hl[cur] = 'current';
  useCanvas.getState().setHighlight(hl);
}

const DAY = 86_400_000;
const firstCustomer = rowsOf({ firstName: 'Toản', phone: '+84909908089', email: 'toan@example.vn', city: 'Hà Nội' });

export function TestRunPanel({ journeyId: _journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const catalogue = useEventCatalogue();
  const entryEvent = useMemo(entryEventName, []);
  const events = useMemo(waitedForEvents, []);
  const messages = useMemo(messageSteps, []);
  const segments = useMemo(checkedSegments, []);
  const [form, setForm] = useState<TestRunForm>({ traits: firstCustomer, entryProperties: [], events: [], engagement: [], segments: [] });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [path, setPath] = useState<PathRow[] | null>(null);
  const [messageContext, setMessageContext] = useState<MessageContext | null>(null);
  const [cursor, setCursor] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [size, setSize] = useState(1000);
  const [rates, setRates] = useState<Record<string, number>>({});
  const [forecast, setForecast] = useState<CohortResult | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const update = (patch: Partial<TestRunForm>) => setForm((f) => ({ ...f, ...patch }));
  const seenEntry = catalogue?.events.find((e) => e.name === entryEvent);
  const messageIds = useMemo(() => new Set(messages.map((m) => m.id)), [messages]);

  // The entry event's properties start from what this event has carried (recent examples).
  useEffect(() => {
    if (!seenEntry) return;
    setForm((f) => (f.entryProperties.length ? f : { ...f, entryProperties: seenEntry.properties.map((p) => ({ key: p.key, value: p.examples[0] ?? '' })) }));
  }, [seenEntry]);

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
    setProblems([]);
    const compiled = compileDraft();
    if (!compiled.ok) return setError(compiled.message);
    const read = readTestRunForm(form, { messageSteps: new Set(messages.map((m) => m.id)) });
    if (!read.ok) {
      setFieldErrors(wordProblems(read.problems, t));
      setPath(null);
      return setError(t('testRunText.fixFields'));
    }
    setFieldErrors({});
    const sc = read.scenario;
    // The virtual clock starts now: quiet hours and time windows behave as they would today.
    const startAt = Date.now();
    setStartedAt(startAt);
    const result = simulate(compiled.ir, {
      startAt,
      traits: sc.traits,
      entryEvent: { name: entryEvent ?? 'Entered', properties: sc.entryProperties },
      events: sc.events,
      engagement: sc.engagement,
      segments: sc.segments,
      horizonMs: 90 * DAY,
    });
    const entered = pathRows(result.path);
    // Messages are shown as the customer would read them, with the voucher the run issued.
    setMessageContext({ traits: sc.traits, entry: { name: entryEvent ?? '', properties: sc.entryProperties }, variables: result.finalState.variables });
    setPath(entered);
    setCursor(0);
    light(entered, 0);
    setPlaying(true);
    setProblems(result.problems.map((p) => simulationProblemText(p, stepName, t)));
  }

  function runForecast() {
    setError(null);
    const compiled = compileDraft();
    if (!compiled.ok) return setError(compiled.message);
    const read = readTestRunForm(form, { messageSteps: new Set(messages.map((m) => m.id)) });
    const result = simulateCohort(compiled.ir, {
      customers: Math.max(1, Math.min(20_000, size)),
      // Forecasts work without properties when the form cannot be read yet.
      entryEvent: { name: entryEvent ?? 'Entered', properties: read.ok ? read.scenario.entryProperties : {} },
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
      <CustomerSection
        entryEvent={entryEvent}
        onLoaded={(traits, entryProperties) => update({ traits: rowsOf(traits), ...(entryProperties ? { entryProperties: rowsOf(entryProperties) } : {}) })}
        onError={setError}
      />
      <h5>{t('testRunText.traitsTitle')}</h5>
      <ValueRows field="traits" rows={form.traits} onChange={(traits) => update({ traits })} keys={catalogue?.traits ?? []} keyLabel={t('testRunText.traitKey')} addLabel={t('testRunText.addTrait')} errors={fieldErrors} />
      {segments.length > 0 && (
        <>
          <h5>{t('testRunText.segmentsTitle')}</h5>
          <SegmentChecks ids={segments} chosen={form.segments} onChange={(s) => update({ segments: s })} />
        </>
      )}
      <h4>{entryEvent ? t('testRunText.entryTitle', { event: entryEvent }) : t('panel.entryEvent')}</h4>
      {entryEvent ? (
        <ValueRows field="entryProperties" rows={form.entryProperties} onChange={(entryProperties) => update({ entryProperties })} keys={seenEntry?.properties ?? []} keyLabel={t('testRunText.propertyKey')} addLabel={t('testRunText.addProperty')} errors={fieldErrors} />
      ) : (
        <p className="muted">{t('testRunText.entryNone')}</p>
      )}
      <h4>{t('testRunText.eventsTitle')}</h4>
      <EventRows rows={form.events} onChange={(rows) => update({ events: rows })} catalogue={catalogue} suggested={events} entryProperties={form.entryProperties} errors={fieldErrors} />
      <h4>{t('testRunText.engagementTitle')}</h4>
      <EngagementRows rows={form.engagement} onChange={(engagement) => update({ engagement })} messages={messages} errors={fieldErrors} />
      <div className="row">
        <button className="primary" onClick={run} data-testid="sim-run">{t('testRun.run')}</button>
        <button disabled={!path || cursor >= (path?.length ?? 0) - 1} onClick={() => path && (setCursor(cursor + 1), light(path, cursor + 1))}>{t('testRun.step')}</button>
        <button disabled={!path} onClick={() => setPlaying((p) => !p)}>{playing ? t('testRun.pause') : t('testRun.play')}</button>
      </div>
      {error && <pre className="error" data-testid="sim-error">{error}</pre>}
      {problems.length > 0 && (
        <ul className="error" data-testid="sim-problems">
          {problems.map((p, i) => <li key={i}>{p}</li>)}
        </ul>
      )}
      {path && (
        <>
          {startedAt !== null && <div className="muted">{t('testRunText.startsAt', { at: formatDateTime(startedAt, i18n.language), zone: getWorkspaceTimeZone() })}</div>}
          <div data-testid="sim-clock"><strong>{t('testRun.clock')}:</strong> {current ? formatDateTime(current.at, i18n.language) : '—'}</div>
          <ol className="sim-log" data-testid="sim-path">
            {path.map((p, i) => (
              <li key={i} className={i === cursor ? 'current' : ''} style={{ opacity: i > cursor ? 0.4 : 1 }} data-node={p.nodeId ?? ''}>
                {label(p.nodeId)} · {outcomeText(p.what)} <span className="muted">+{elapsedText(p.elapsedMs)}</span>
                <PathReason row={p} />
                {messageContext && p.what === 'entered' && p.nodeId && messageIds.has(p.nodeId) && i <= cursor && <RenderedMessage nodeId={p.nodeId} context={messageContext} />}
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

/** Why the customer left the step (the path taken, the event that happened) or left the journey. */
function PathReason({ row }: { row: PathRow }) {
  const port = (id: string) => portName(row.nodeId, id);
  const text = row.leftReason ? reasonText('left', row.leftReason, port) : reasonText(row.what, row.reason, port);
  return text ? <div className="muted">{text}</div> : null;
}
