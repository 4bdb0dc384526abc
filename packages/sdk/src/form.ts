// Form hints: how the canvas renders a node type's config form. The canvas has one generic
// renderer driven by these hints; no node type gets a hand-written form. Every text here is a
// LocalText: the form reads the same in Vietnamese and English.
import type { LocalText } from './text';

/** Widgets the canvas knows how to render. Nested shapes (filters, split branches) get a dedicated widget. */
export const fieldWidgets = [
  'text',
  'textarea',
  'liquid',
  'number',
  'money',
  'toggle',
  'select',
  'multiselect',
  'duration',
  'time',
  'weekdays',
  'timezone',
  'event-name',
  'event-filters',
  'trait-filters',
  'segment',
  'zns-template',
  'email-design',
  'sms-options',
  'node-ref',
  'split-branches',
  'key-value',
  'string-list',
  'url',
  'reentry',
  'entry-limit',
] as const satisfies readonly FieldWidget[];

export type FieldWidget =
  | 'text'
  | 'textarea'
  | 'liquid' // a Liquid template; validation checks its variables
  | 'number'
  | 'money' // amount in the workspace currency (VND by default)
  | 'toggle'
  | 'select'
  | 'multiselect'
  | 'duration' // { amount, unit }
  | 'time' // `HH:MM`
  | 'weekdays' // number[] 0 = Sunday
  | 'timezone'
  | 'event-name'
  | 'event-filters' // PropertyFilter[]
  | 'trait-filters' // PropertyFilter[] on profile traits
  | 'segment'
  | 'zns-template' // a Zalo ZNS template registered in the workspace's channel settings
  | 'email-design' // an email written with blocks (MJML)
  | 'sms-options' // an SMS switch with the message's cost (characters, encoding, segments)
  | 'node-ref' // id of another node in the same journey
  | 'split-branches' // { label, percent }[]
  | 'key-value' // Record<string, Json>
  | 'string-list'
  | 'url'
  | 'reentry' // ReentryRuleConfig
  | 'entry-limit'; // EntryLimitConfig | null

export type FieldOption = { value: string; label: LocalText };

/** Show a field only when another field of the same config has one of the given values. */
export type ShowIf<C> = { [K in keyof C & string]: { field: K; equals: C[K] | C[K][] } }[keyof C & string];

export type FieldHint<C> = {
  label: LocalText;
  widget: FieldWidget;
  help?: LocalText;
  /** An example value; user data such as an event name is the same in both languages. */
  placeholder?: LocalText;
  showIf?: ShowIf<C>;
  options?: readonly FieldOption[];
  /** For `node-ref`: only nodes of these types may be picked. */
  nodeTypes?: readonly string[];
};

/**
 * One hint per top-level config field, in display order (object key order). Fields without a
 * hint are not shown (they keep their default).
 */
export type FormHints<C> = { [K in keyof C]?: FieldHint<C> };

/** Widgets of FieldWidget missing from `fieldWidgets`: `never` (a test keeps it so). */
export type UnlistedWidget = Exclude<FieldWidget, (typeof fieldWidgets)[number]>;
