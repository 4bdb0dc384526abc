// #/segments/new and #/segments/<id>: the rule builder with a live size preview and sample
// members, and the journeys that use the segment.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentRule } from '@braid/journey';
import { navigate } from '../router';
import { describeError } from '../ui/describeError';
import { toast } from '../ui/toasts';
import { formatNumber } from '../format';
import { segmentsApi, type CatalogueView, type JourneyUseView, type SegmentView } from './api';
import { ConditionList, newCondition } from './ConditionList';
import { useSegmentTexts } from './texts';
import { conditionNumber, usePreview, useRuleProblems } from './useRuleCheck';
import './segments.css';

const customerLabel = (traits: Record<string, unknown>, fallback: string) => {
  const name = [traits.name, [traits.firstName, traits.lastName].filter(Boolean).join(' '), traits.email, traits.phone].find((v) => typeof v === 'string' && v.trim() !== '');
  return typeof name === 'string' ? name : fallback;
};

export function SegmentEditor({ segmentId }: { segmentId: string | null }) {
  useSegmentTexts();
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [rule, setRule] = useState<SegmentRule>({ match: 'all', conditions: [newCondition('eventCount')] });
  const [loaded, setLoaded] = useState(segmentId === null);
  const [catalogue, setCatalogue] = useState<CatalogueView | null>(null);
  const [segments, setSegments] = useState<SegmentView[]>([]);
  const [journeys, setJourneys] = useState<JourneyUseView[] | null>(null);
  const [saving, setSaving] = useState(false);
  const problems = useRuleProblems(rule);
  const preview = usePreview(rule, segmentId, loaded && problems.length === 0);

  useEffect(() => {
    segmentsApi.catalogue().then(setCatalogue, () => setCatalogue({ events: [], traits: [] }));
    segmentsApi.list().then(setSegments, () => setSegments([]));
    if (!segmentId) return;
    segmentsApi.get(segmentId).then(
      (s) => {
        setName(s.name);
        setRule(s.rule);
        setLoaded(true);
      },
      (e: unknown) => toast.error(describeError(e, t)),
    );
    segmentsApi.journeys(segmentId).then(setJourneys, () => setJourneys([]));
  }, [segmentId, t]);

  async function save() {
    setSaving(true);
    try {
      const saved = segmentId ? await segmentsApi.update(segmentId, name, rule) : await segmentsApi.create(name, rule);
      toast.success(t('segments.saved'));
      navigate({ name: 'segments' });
      return saved;
    } catch (e) {
      toast.error(describeError(e, t));
      return null;
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    if (!segmentId || !window.confirm(t('segments.deleteConfirm', { name }))) return;
    try {
      await segmentsApi.remove(segmentId);
      toast.success(t('segments.deleted'));
      navigate({ name: 'segments' });
    } catch (e) {
      toast.error(describeError(e, t));
    }
  }

  if (!loaded) return <section className="page segments"><p className="muted">…</p></section>;
  const ctx = { catalogue, segments, selfId: segmentId };
  return (
    <section className="page segments segment-editor">
      <p><a href="#/segments">← {t('segments.back')}</a></p>
      <label className="segment-name">
        <span>{t('segments.name')}</span>
        <input data-testid="segment-name" value={name} placeholder={t('segments.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="segment-layout">
        <div className="segment-rule box">
          <select data-testid="segment-match" value={rule.match} onChange={(e) => setRule({ ...rule, match: e.target.value as 'all' | 'any' })}>
            <option value="all">{t('segments.matchAll')}</option>
            <option value="any">{t('segments.matchAny')}</option>
          </select>
          <ConditionList conditions={rule.conditions} depth={1} ctx={ctx} testid="cond" onChange={(conditions) => setRule({ ...rule, conditions })} />
          {problems.length > 0 && (
            <ul className="segment-problems" data-testid="segment-problems">
              {problems.map((p, i) => <li key={i}>{p.message} {conditionNumber(p.path) && <span className="muted">{t('segments.at', { path: conditionNumber(p.path) })}</span>}</li>)}
            </ul>
          )}
          <div className="actions">
            <button className="primary" data-testid="segment-save" disabled={saving || problems.length > 0 || name.trim() === ''} onClick={() => void save()}>{t('segments.save')}</button>
            {segmentId && <button className="danger" data-testid="segment-delete" onClick={() => void remove()}>{t('segments.delete')}</button>}
          </div>
        </div>
        <aside className="segment-side">
          <div className="box" data-testid="segment-preview">
            <h2>{t('segments.preview')}</h2>
            {problems.length > 0 && <p className="muted">{t('segments.invalid')}</p>}
            {preview.status === 'busy' && <p className="muted">{t('segments.previewBusy')}</p>}
            {preview.status === 'refused' && preview.problem && <p className="error" role="alert">{t('segments.refused', { message: preview.problem.message })}</p>}
            {preview.result && problems.length === 0 && (
              <>
                <p className="preview-count" data-testid="segment-preview-count" data-count={preview.result.count}>{t('segments.previewCount', { count: preview.result.count, formatted: formatNumber(preview.result.count, i18n.language) })}</p>
                {preview.result.sample.length === 0 ? (
                  <p className="muted">{t('segments.previewNone')}</p>
                ) : (
                  <>
                    <h3>{t('segments.previewSample')}</h3>
                    <ul className="plain" data-testid="segment-preview-sample">
                      {preview.result.sample.map((s) => <li key={s.customerId}><a href={`#/customers/${encodeURIComponent(s.customerId)}`}>{customerLabel(s.traits, t('segments.unnamed'))}</a></li>)}
                    </ul>
                  </>
                )}
              </>
            )}
          </div>
          {segmentId && (
            <div className="box" data-testid="segment-journeys">
              <h2>{t('segments.journeys')}</h2>
              {journeys && journeys.length === 0 && <p className="muted">{t('segments.journeysNone')}</p>}
              <ul className="plain">
                {(journeys ?? []).map((j) => (
                  <li key={j.id}>
                    <a href={`#/journeys/${encodeURIComponent(j.id)}`}>{j.name}</a> <span className="muted">— {j.triggeredBySegment ? t('segments.startsJourney') : t('segments.usesInStep')}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}
