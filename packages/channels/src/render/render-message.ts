import { Liquid, type Template } from 'liquidjs';
import { DEFAULT_TIMEZONE, isValidTimeZone } from '@braid/sdk/zoned-time';
import { registerMarketingFilters } from './filters';

export type MessageTemplate = { subject?: string; body: string; html?: string };

/** What a template can reference: `customer` traits, the entry `event`, `voucher`, ... */
export type TemplateData = Record<string, unknown>;

export type RenderedContent = {
  subject: string;
  body: string;
  html?: string;
  /** Paths referenced by the template with no value in `data` (rendered empty), e.g. "customer.first_name". */
  missingVariables: string[];
};

export type RenderOptions = {
  /** Timezone for the `date` filter; the customer's, defaulting to Asia/Ho_Chi_Minh. */
  timezone?: string | null;
};

type TemplateField = 'subject' | 'body' | 'html';

export class TemplateError extends Error {
  constructor(
    readonly code: 'TEMPLATE_SYNTAX' | 'TEMPLATE_LIMIT' | 'TEMPLATE_RENDER',
    readonly field: TemplateField,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

// Bounds that keep a hostile or careless template from hanging or exhausting a worker.
export const TEMPLATE_LIMITS = {
  /** Characters of template source. */
  parseLimit: 100_000,
  /** Milliseconds of rendering per template. */
  renderLimit: 1_000,
  /** Characters/elements allocated by filters and ranges. */
  memoryLimit: 5_000_000,
};

const engines = new Map<string, Liquid>();

function engineFor(timezone: string, escapeHtml: boolean): Liquid {
  const key = `${timezone}|${escapeHtml}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = new Liquid({
      // An empty in-memory partial store: {% include %} / {% render %} can never read the disk.
      templates: {},
      strictFilters: true,
      strictVariables: false,
      ownPropertyOnly: true,
      timezoneOffset: timezone,
      // Traits are customer-supplied: escape them in HTML, leave text bodies and subjects as written.
      ...(escapeHtml ? { outputEscape: 'escape' as const } : {}),
      ...TEMPLATE_LIMITS,
    });
    registerMarketingFilters(engine);
    engines.set(key, engine);
  }
  return engine;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// A journey sends the same few templates to every customer: each is parsed once per engine
// (parsed templates are immutable; rendering never changes them). Bounded, oldest out first.
const PARSED_PER_ENGINE = 500;
const parsedByEngine = new WeakMap<Liquid, Map<string, Template[]>>();

function parse(engine: Liquid, source: string, field: TemplateField): Template[] {
  let parsed = parsedByEngine.get(engine);
  if (!parsed) parsedByEngine.set(engine, (parsed = new Map()));
  const hit = parsed.get(source);
  if (hit) return hit;
  try {
    const templates = engine.parse(source);
    parsed.set(source, templates);
    if (parsed.size > PARSED_PER_ENGINE) parsed.delete(parsed.keys().next().value!);
    return templates;
  } catch (error) {
    const message = describe(error);
    const code = /limit/i.test(message) ? 'TEMPLATE_LIMIT' : 'TEMPLATE_SYNTAX';
    throw new TemplateError(code, field, `${field}: ${message}`);
  }
}

const LIQUID_PROPERTIES = new Set(['size', 'first', 'last']);

function isPresent(data: TemplateData, segments: ReadonlyArray<unknown>): boolean {
  let current: unknown = data;
  for (const segment of segments) {
    // A dynamic index ({{ items[i] }}) cannot be checked statically: assume present.
    if (typeof segment !== 'string' && typeof segment !== 'number') return true;
    if (current == null) return false;
    if (LIQUID_PROPERTIES.has(String(segment)) && (Array.isArray(current) || typeof current === 'string')) return true;
    if (typeof current !== 'object' && typeof current !== 'string') return false;
    current = Object.prototype.hasOwnProperty.call(current, segment) ? (current as Record<string | number, unknown>)[segment] : undefined;
  }
  return current !== undefined && current !== null;
}

async function renderField(engine: Liquid, templates: Template[], data: TemplateData, field: TemplateField): Promise<string> {
  try {
    return String(await engine.render(templates, data));
  } catch (error) {
    const message = describe(error);
    const code = /limit/i.test(message) ? 'TEMPLATE_LIMIT' : 'TEMPLATE_RENDER';
    throw new TemplateError(code, field, `${field}: ${message}`);
  }
}

/**
 * Personalise a message with Liquid. A variable with no value renders empty and is listed in
 * `missingVariables` so the runtime can log it; a syntax error or an exceeded limit throws a
 * TemplateError naming the field.
 */
export async function renderMessage(template: MessageTemplate, data: TemplateData, options: RenderOptions = {}): Promise<RenderedContent> {
  const requested = options.timezone ?? DEFAULT_TIMEZONE;
  const timezone = isValidTimeZone(requested) ? requested : DEFAULT_TIMEZONE;
  const text = engineFor(timezone, false);
  const fields: Array<[TemplateField, string, Liquid]> = [
    ['subject', template.subject ?? '', text],
    ['body', template.body, text],
  ];
  if (template.html !== undefined) fields.push(['html', template.html, engineFor(timezone, true)]);

  const parsed = fields.map(([field, source, engine]) => ({ field, engine, templates: parse(engine, source, field) }));
  const missing = new Set<string>();
  const out: Partial<Record<TemplateField, string>> = {};
  for (const { field, engine, templates } of parsed) {
    // Partials are not offered (there is no partial store), so the analysis must not look for them.
    for (const segments of await engine.globalVariableSegments(templates, { partials: false })) {
      if (!isPresent(data, segments)) missing.add(segments.map(String).join('.'));
    }
    out[field] = await renderField(engine, templates, data, field);
  }
  return {
    subject: out.subject ?? '',
    body: out.body ?? '',
    ...(out.html !== undefined ? { html: out.html } : {}),
    missingVariables: [...missing],
  };
}

/** Publish-time check: the problems a template has, without rendering it (empty when fine). */
export function checkTemplate(template: MessageTemplate): TemplateError[] {
  const engine = engineFor(DEFAULT_TIMEZONE, false);
  const issues: TemplateError[] = [];
  const fields: Array<[TemplateField, string | undefined]> = [
    ['subject', template.subject],
    ['body', template.body],
    ['html', template.html],
  ];
  for (const [field, source] of fields) {
    if (source === undefined) continue;
    try {
      parse(engine, source, field);
    } catch (error) {
      if (error instanceof TemplateError) issues.push(error);
      else throw error;
    }
  }
  return issues;
}
