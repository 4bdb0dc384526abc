// The conditions of a rule or of a group inside it: traits, behaviour (an event counted in a
// window, with property filters), membership of another segment, and nested all / any groups.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { countComparisons, DAY_MS, MAX_RULE_DEPTH, type BehaviourCondition, type CountComparison, type SegmentCondition } from '@braid/journey';
import { FilterEditor } from './FilterEditor';
import type { CatalogueView, SegmentView } from './api';

const HOUR_MS = 3_600_000;

export type EditorContext = { catalogue: CatalogueView | null; segments: SegmentView[]; selfId: string | null };

export function newCondition(kind: SegmentCondition['kind']): SegmentCondition {
  switch (kind) {
    case 'trait':
      return { kind: 'trait', filter: { path: '', op: 'equals', value: '' } };
    case 'eventCount':
      return { kind: 'eventCount', event: '', where: [], op: 'greaterOrEqual', count: 1, windowMs: 7 * DAY_MS };
    case 'segment':
      return { kind: 'segment', segmentId: '', in: true };
    case 'group':
      return { kind: 'group', match: 'any', conditions: [newCondition('trait')] };
  }
}

type ListProps = { conditions: SegmentCondition[]; onChange: (conditions: SegmentCondition[]) => void; depth: number; ctx: EditorContext; testid: string };

export function ConditionList({ conditions, onChange, depth, ctx, testid }: ListProps) {
  const { t } = useTranslation();
  const kinds: SegmentCondition['kind'][] = depth < MAX_RULE_DEPTH ? ['trait', 'eventCount', 'segment', 'group'] : ['trait', 'eventCount', 'segment'];
  return (
    <div className="segment-conditions" data-testid={testid}>
      {conditions.map((c, i) => (
        <ConditionRow
          // Conditions have no ids; their position is their identity while editing.
          key={i}
          condition={c}
          depth={depth}
          ctx={ctx}
          testid={`${testid}-${i}`}
          onChange={(next) => onChange(conditions.map((x, j) => (j === i ? next : x)))}
          onRemove={() => onChange(conditions.filter((_, j) => j !== i))}
        />
      ))}
      <span className="segment-add">
        <span className="muted">{t('segments.add')}:</span>
        {kinds.map((k) => (
          <button key={k} type="button" data-testid={`${testid}-add-${k}`} onClick={() => onChange([...conditions, newCondition(k)])}>
            + {t(`segments.kind.${k}`)}
          </button>
        ))}
      </span>
    </div>
  );
}

type RowProps = { condition: SegmentCondition; onChange: (c: SegmentCondition) => void; onRemove: () => void; depth: number; ctx: EditorContext; testid: string };

function ConditionRow({ condition, onChange, onRemove, depth, ctx, testid }: RowProps) {
  const { t } = useTranslation();
  return (
    <div className={`segment-condition kind-${condition.kind}`} data-testid={testid}>
      <span className="condition-kind">{t(`segments.kind.${condition.kind}`)}</span>
      <div className="condition-body">
        {condition.kind === 'trait' && (
          <FilterEditor
            filter={condition.filter}
            keys={ctx.catalogue?.traits ?? []}
            placeholder={t('segments.traitPlaceholder')}
            testid={`${testid}-trait`}
            onChange={(filter) => onChange({ ...condition, filter })}
          />
        )}
        {condition.kind === 'eventCount' && <BehaviourEditor condition={condition} onChange={onChange} ctx={ctx} testid={testid} />}
        {condition.kind === 'segment' && (
          <span className="row">
            <select data-testid={`${testid}-in`} value={condition.in ? 'in' : 'out'} onChange={(e) => onChange({ ...condition, in: e.target.value === 'in' })}>
              <option value="in">{t('segments.isIn')}</option>
              <option value="out">{t('segments.isNotIn')}</option>
            </select>
            <select data-testid={`${testid}-segment`} value={condition.segmentId} onChange={(e) => onChange({ ...condition, segmentId: e.target.value })}>
              <option value="">{t('segments.chooseSegment')}</option>
              {ctx.segments.filter((s) => s.id !== ctx.selfId).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </span>
        )}
        {condition.kind === 'group' && (
          <>
            <select data-testid={`${testid}-match`} value={condition.match} onChange={(e) => onChange({ ...condition, match: e.target.value as 'all' | 'any' })}>
              <option value="all">{t('segments.groupAll')}</option>
              <option value="any">{t('segments.groupAny')}</option>
            </select>
            <ConditionList conditions={condition.conditions} depth={depth + 1} ctx={ctx} testid={`${testid}-c`} onChange={(conditions) => onChange({ ...condition, conditions })} />
          </>
        )}
      </div>
      <button type="button" className="link" data-testid={`${testid}-remove`} onClick={onRemove}>{t('segments.remove')}</button>
    </div>
  );
}

function BehaviourEditor({ condition, onChange, ctx, testid }: { condition: BehaviourCondition; onChange: (c: SegmentCondition) => void; ctx: EditorContext; testid: string }) {
  const { t } = useTranslation();
  const id = useId();
  const unit = condition.windowMs % DAY_MS === 0 ? 'days' : 'hours';
  const unitMs = unit === 'days' ? DAY_MS : HOUR_MS;
  const properties = ctx.catalogue?.events.find((e) => e.name === condition.event)?.properties ?? [];
  return (
    <span className="behaviour">
      <span className="row">
        <span>{t('segments.did')}</span>
        <input data-testid={`${testid}-event`} list={`${id}-events`} value={condition.event} placeholder={t('segments.eventPlaceholder')} onChange={(e) => onChange({ ...condition, event: e.target.value })} />
        <datalist id={`${id}-events`}>{(ctx.catalogue?.events ?? []).map((e) => <option key={e.name} value={e.name} />)}</datalist>
        <select data-testid={`${testid}-op`} value={condition.op} onChange={(e) => onChange({ ...condition, op: e.target.value as CountComparison })}>
          {countComparisons.map((op) => <option key={op} value={op}>{t(`segments.countOp.${op}`)}</option>)}
        </select>
        <input data-testid={`${testid}-count`} type="number" min={0} className="narrow" value={condition.count} onChange={(e) => onChange({ ...condition, count: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
        <span>{t('segments.times')}</span>
        <span>{t('segments.inLast')}</span>
        <input
          data-testid={`${testid}-window`}
          type="number"
          min={1}
          className="narrow"
          value={Math.round(condition.windowMs / unitMs)}
          onChange={(e) => onChange({ ...condition, windowMs: Math.max(1, Math.floor(Number(e.target.value) || 1)) * unitMs })}
        />
        <select data-testid={`${testid}-unit`} value={unit} onChange={(e) => onChange({ ...condition, windowMs: Math.max(1, Math.round(condition.windowMs / unitMs)) * (e.target.value === 'days' ? DAY_MS : HOUR_MS) })}>
          <option value="days">{t('segments.unit.days')}</option>
          <option value="hours">{t('segments.unit.hours')}</option>
        </select>
      </span>
      {condition.where.map((f, i) => (
        <span key={i} className="row where">
          <span className="muted">{t('segments.where')}</span>
          <FilterEditor
            filter={f}
            keys={properties}
            placeholder={t('segments.property')}
            testid={`${testid}-where-${i}`}
            onChange={(next) => onChange({ ...condition, where: condition.where.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => onChange({ ...condition, where: condition.where.filter((_, j) => j !== i) })}
          />
        </span>
      ))}
      <button type="button" className="link" data-testid={`${testid}-add-where`} onClick={() => onChange({ ...condition, where: [...condition.where, { path: '', op: 'equals', value: '' }] })}>
        + {t('segments.addWhere')}
      </button>
    </span>
  );
}
