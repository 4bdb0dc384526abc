import type { FrequencyCap } from './frequency-cap';
import { PolicyConfigError, parseClock, type QuietHours } from './quiet-hours';

/** The send rules of one workspace channel, in the shapes nextAllowedSendTime takes. */
export type ChannelSendRules = {
  quietHours: QuietHours | null;
  frequencyCap: FrequencyCap[];
  /** The workspace's zone for customers whose profile has none. */
  timezone?: string;
};

const HOUR = 3_600_000;

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PolicyConfigError(field, `${field} must be an object`);
  return value as Record<string, unknown>;
}

function capFrom(value: unknown, field: string): FrequencyCap {
  const v = record(value, field);
  const max = v.max;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) throw new PolicyConfigError(`${field}.max`, `${field}.max must be a whole number of at least 1`);
  const periodMs = typeof v.periodMs === 'number' ? v.periodMs : typeof v.perHours === 'number' ? v.perHours * HOUR : NaN;
  if (!(Number.isFinite(periodMs) && periodMs > 0)) throw new PolicyConfigError(`${field}.perHours`, `${field}.perHours must be a positive number of hours`);
  return { max, periodMs };
}

/**
 * Reads `channel_settings.frequency_cap` / `quiet_hours` json. Accepts the db's documented shapes
 * (`[{max, perHours}]`, `{start, end, timezone?}`) and this package's own (`{max, periodMs}`,
 * `{from, to}`); anything else is a PolicyConfigError naming the field.
 */
export function sendRulesFromChannelSettings(settings: { frequencyCap?: unknown; quietHours?: unknown } | null | undefined): ChannelSendRules {
  const rules: ChannelSendRules = { quietHours: null, frequencyCap: [] };
  if (!settings) return rules;
  const caps = settings.frequencyCap;
  if (caps != null) {
    const list = Array.isArray(caps) ? caps : [caps];
    rules.frequencyCap = list.map((c, i) => capFrom(c, Array.isArray(caps) ? `frequencyCap[${i}]` : 'frequencyCap'));
  }
  if (settings.quietHours != null) {
    const q = record(settings.quietHours, 'quietHours');
    const from = q.from ?? q.start;
    const to = q.to ?? q.end;
    if (typeof from !== 'string') throw new PolicyConfigError('quietHours.start', 'quietHours.start must be a time of day like "21:00"');
    if (typeof to !== 'string') throw new PolicyConfigError('quietHours.end', 'quietHours.end must be a time of day like "08:00"');
    parseClock(from, 'quietHours.start');
    parseClock(to, 'quietHours.end');
    rules.quietHours = { from, to };
    if (typeof q.timezone === 'string' && q.timezone !== '') rules.timezone = q.timezone;
  }
  return rules;
}
