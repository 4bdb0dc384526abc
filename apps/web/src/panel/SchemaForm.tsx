import type { ComponentType } from 'react';
import type { AnyNodeType, FieldHint, FieldWidget } from '@braid/sdk';
import type { ValidationIssue } from '../api/types';
import { issueMessage, pathString } from '../catalog/validate';
import { LiquidWidget } from './LiquidWidget';
import { JsonWidget, MultiSelectWidget, NumberWidget, SelectWidget, TextAreaWidget, TextWidget, TimeWidget, ToggleWidget, WeekdaysWidget } from './widgets/basic';
import {
  DurationWidget,
  EntryLimitWidget,
  KeyValueWidget,
  NodeRefWidget,
  ReentryWidget,
  SplitBranchesWidget,
  StringListWidget,
} from './widgets/compound';
import type { WidgetProps } from './widgets/types';
import { TimezoneWidget } from './widgets/timezone';
import { EventNameWidget } from './widgets/EventNameWidget';
import { EventFiltersWidget } from './widgets/EventFiltersWidget';
import './panel.css';
import { SegmentPicker } from '../segments/SegmentPicker';
import { ZnsTemplatePicker } from '../channels/ZnsTemplatePicker';
import { EmailDesignWidget } from '../email/EmailDesignWidget';
import { SmsOptionsWidget } from '../email/SmsOptionsWidget';
import { shapeOf } from './zodIntrospect';
import { localText } from '../i18n/localText';

// One widget per field *shape*; never one form per node type.
const widgets: Record<FieldWidget, ComponentType<WidgetProps>> = {
  text: TextWidget,
  textarea: TextAreaWidget,
  liquid: LiquidWidget,
  number: NumberWidget,
  money: NumberWidget,
  toggle: ToggleWidget,
  select: SelectWidget,
  multiselect: MultiSelectWidget,
  duration: DurationWidget,
  time: TimeWidget,
  weekdays: WeekdaysWidget,
  timezone: TimezoneWidget,
  'event-name': EventNameWidget,
  'event-filters': EventFiltersWidget,
  'trait-filters': EventFiltersWidget,
  segment: SegmentPicker,
  'zns-template': ZnsTemplatePicker,
  'email-design': EmailDesignWidget,
  'sms-options': SmsOptionsWidget,
  'node-ref': NodeRefWidget,
  'split-branches': SplitBranchesWidget,
  'key-value': KeyValueWidget,
  'string-list': StringListWidget,
  url: TextWidget,
  reentry: ReentryWidget,
  'entry-limit': EntryLimitWidget,
};

type AnyHint = FieldHint<Record<string, unknown>>;

function visible(hint: AnyHint, config: Record<string, unknown>): boolean {
  if (!hint.showIf) return true;
  const { field, equals } = hint.showIf as { field: string; equals: unknown };
  const v = config[field];
  return Array.isArray(equals) ? equals.includes(v) : v === equals;
}

type Props = {
  nodeId: string;
  type: AnyNodeType;
  config: Record<string, unknown>;
  issues: ValidationIssue[];
  readOnly: boolean;
  onChange: (config: Record<string, unknown>) => void;
};

/** The settings form of any node type, generated from its zod schema and form hints. */
export function SchemaForm({ nodeId, type, config, issues, readOnly, onChange }: Props) {
  const shape = shapeOf(type.configSchema);
  const hints = type.form as Record<string, AnyHint | undefined>;
  const general = issues.filter((i) => !pathString(i.path));
  return (
    <div className="schema-form" data-testid="schema-form">
      {general.map((i, k) => (
        <p key={k} className="error" role="alert">{issueMessage(i)}</p>
      ))}
      {Object.entries(hints).map(([key, hint]) => {
        if (!hint || !visible(hint, config)) return null;
        const Widget = widgets[hint.widget] ?? JsonWidget;
        const fieldIssues = issues.filter((i) => pathString(i.path).split('.')[0] === key);
        return (
          <div key={key} className={`field ${fieldIssues.length ? 'invalid' : ''}`}>
            <label htmlFor={key}>{localText(hint.label)}</label>
            <Widget
              name={key}
              value={config[key]}
              hint={hint}
              schema={shape[key]}
              nodeId={nodeId}
              disabled={readOnly}
              onChange={(value) => onChange({ ...config, [key]: value })}
            />
            {hint.help && <small className="help">{localText(hint.help)}</small>}
            {fieldIssues.map((i, k) => (
              <small key={k} className="error" data-testid={`error-${key}`}>{issueMessage(i)}</small>
            ))}
          </div>
        );
      })}
    </div>
  );
}
