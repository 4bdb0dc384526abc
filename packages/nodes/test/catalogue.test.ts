// Every built-in speaks Vietnamese and English: a missing or copied translation fails here.
import { describe, expect, it } from 'vitest';
import { checkNodeType, describeNodeType, isLocalText } from '@braid/sdk';
import type { LocalText } from '@braid/sdk';
import { builtinNodeTypes } from '../src/index';

/** Every LocalText inside a JSON value, with where it was found. */
function textsIn(value: unknown, at: string, out: { at: string; text: LocalText }[] = []): { at: string; text: LocalText }[] {
  if (isLocalText(value)) out.push({ at, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => textsIn(v, `${at}.${i}`, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) textsIn(v, `${at}.${k}`, out);
  return out;
}

// Same in both languages on purpose: brand names, examples of user data, formats.
const SAME_IN_BOTH = /^(Email|SMS|Zalo|Facebook Messenger|Webhook|Facebook \/ Instagram|Google \/ YouTube|Product Added|Order Completed|birthday|[A-Z] \(\d+%\))$/;

describe('built-in catalogue', () => {
  it.each(builtinNodeTypes.map((t) => [t.id, t] as const))('%s passes the load-time check', (_id, type) => {
    expect(checkNodeType(type)).toEqual([]);
  });

  it.each(builtinNodeTypes.map((t) => [t.id, t] as const))('%s is described in Vietnamese and English', (_id, type) => {
    const d = describeNodeType(type, '@braid/nodes');
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d.icon).toMatch(/^[a-z0-9-]+$/);
    expect(d.configJsonSchema).toMatchObject({ type: 'object' });
    const texts = textsIn({ label: d.label, description: d.description, form: d.form, ports: d.ports }, d.id);
    expect(texts.length).toBeGreaterThan(2);
    for (const { at, text } of texts) {
      expect(text.vi.trim(), `${at}.vi`).not.toBe('');
      expect(text.en.trim(), `${at}.en`).not.toBe('');
      if (!SAME_IN_BOTH.test(text.en)) expect(text.vi, `${at} is not translated`).not.toBe(text.en);
    }
  });

  it('summarises every default config in both languages', () => {
    for (const type of builtinNodeTypes) {
      const parsed = type.parseConfig(type.defaultConfig);
      if (!parsed.ok) continue;
      const s = type.summary(parsed.config);
      expect(s.vi, type.id).not.toBe(s.en);
    }
  });

  it('words every config problem in both languages', () => {
    for (const type of builtinNodeTypes) {
      const parsed = type.parseConfig({});
      if (parsed.ok) continue;
      for (const issue of parsed.issues) {
        expect(issue.message.vi, `${type.id} ${issue.path}`).not.toBe(issue.message.en);
        expect(issue.message.vi.trim()).not.toBe('');
      }
    }
  });
});
