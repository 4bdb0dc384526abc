import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  checkNodeType,
  decodeText,
  defineNodeType,
  describeDuration,
  describeFilters,
  durationSchema,
  encodeText,
  errorText,
  untranslatedSchemaMessages,
} from '../src/index';
import type { AnyNodeType, LocalText, UnlistedWidget } from '../src/index';
import { loadNodePackages } from '../src/server';

const points = defineNodeType({
  id: 'add-loyalty-points',
  category: 'action',
  version: 1,
  label: { vi: 'Cộng điểm thành viên', en: 'Add loyalty points' },
  description: { vi: 'Cộng điểm vào tài khoản thành viên của khách.', en: 'Add points to the customer’s loyalty account.' },
  icon: 'star',
  configSchema: z.object({
    points: z.number().int().positive(errorText({ vi: 'Số điểm phải lớn hơn 0', en: 'Points must be more than zero' })),
    reason: z.string().default(''),
  }),
  defaultConfig: { points: 100, reason: '' },
  form: {
    points: { label: { vi: 'Số điểm', en: 'Points' }, widget: 'number' },
    reason: { label: { vi: 'Lý do', en: 'Reason' }, widget: 'text', placeholder: { vi: 'Sinh nhật', en: 'Birthday' } },
  },
  ports: [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }],
  summary: (c) => ({ vi: `Cộng ${c.points} điểm`, en: `Add ${c.points} points` }),
  compile: (c, ctx) => ({
    steps: [{ type: 'action', id: ctx.nodeId, kind: 'add-loyalty-points', config: { points: c.points }, next: ctx.next('out'), onFailure: { kind: 'continue' } }],
  }),
});

describe('LocalText', () => {
  it('makes a missing language a type error', () => {
    expectTypeOf(points.label).toEqualTypeOf<LocalText>();
    // @ts-expect-error Vietnamese is required
    const onlyEnglish: LocalText = { en: 'Wait' };
    // @ts-expect-error a plain string is not a text
    const plain: LocalText = 'Wait';
    expect([onlyEnglish, plain]).toHaveLength(2);
    defineNodeType({
      id: 'x', category: 'wait', version: 1, label: { vi: 'X', en: 'X' }, description: { vi: 'X', en: 'X' }, icon: 'x',
      configSchema: z.object({ points: z.number() }), defaultConfig: { points: 1 },
      // @ts-expect-error a form label needs both languages
      form: { points: { label: { en: 'Points' }, widget: 'number' } },
      ports: [], summary: () => ({ vi: 'X', en: 'X' }), compile: () => ({}),
    });
    // Every widget the type names is listed for load-time checks.
    expectTypeOf<UnlistedWidget>().toEqualTypeOf<never>();
  });

  it('carries both languages through zod messages', () => {
    expect(decodeText(encodeText({ vi: 'Chào', en: 'Hello' }))).toEqual({ vi: 'Chào', en: 'Hello' });
    expect(decodeText('Hello')).toBeNull();
    expect(points.parseConfig({ points: 0 })).toEqual({
      ok: false,
      issues: [{ path: 'points', message: { vi: 'Số điểm phải lớn hơn 0', en: 'Points must be more than zero' } }],
    });
  });

  it('words zod’s own messages in Vietnamese too', () => {
    const r = points.parseConfig({ points: 'many' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.message.en).toMatch(/expected number/);
      expect(r.issues[0]!.message.vi).toMatch(/mong đợi số/);
    }
  });

  it('describes durations and filters in both languages', () => {
    expect(describeDuration({ amount: 1, unit: 'days' })).toEqual({ vi: '1 ngày', en: '1 day' });
    expect(describeDuration({ amount: 3, unit: 'hours' })).toEqual({ vi: '3 giờ', en: '3 hours' });
    // A shortened wait reads as seconds or a short decimal, never 0.3333333333333333.
    expect(describeDuration({ amount: 1 / 3, unit: 'minutes' })).toEqual({ vi: '20 giây', en: '20 seconds' });
    expect(describeDuration({ amount: 1.5, unit: 'hours' })).toEqual({ vi: '1,5 giờ', en: '1.5 hours' });
    expect(describeDuration({ amount: 2 / 3, unit: 'days' })).toEqual({ vi: '0,67 ngày', en: '0.67 days' });
    expect(describeFilters([{ path: 'price', op: 'greaterThan', value: 0 }, { path: 'city', op: 'exists' }])).toEqual({
      vi: 'price lớn hơn 0 và city có giá trị',
      en: 'price is more than 0 and city is set',
    });
    expect(durationSchema.safeParse({ amount: 0, unit: 'days' }).error?.issues.map((i) => decodeText(i.message))).toEqual([{ vi: 'Phải lớn hơn 0', en: 'Must be more than zero' }]);
  });
});

describe('checkNodeType', () => {
  it('accepts a sound node type', () => {
    expect(checkNodeType(points)).toEqual([]);
  });

  it('finds custom zod messages written in one language', () => {
    const schema = z.object({ a: z.string().min(1, { error: 'Write it' }), b: z.array(z.enum(['x'], { error: 'Pick' })).default([]), c: z.string().min(1, errorText({ vi: 'Viết', en: 'Write' })) });
    expect(untranslatedSchemaMessages(schema)).toEqual(['configSchema.a (min_length)', 'configSchema.b']);
  });

  it('names each missing field', () => {
    const broken = {
      ...points,
      label: { vi: '', en: 'Add loyalty points' },
      icon: 'Star Icon',
      form: { points: { label: { vi: 'Số điểm', en: 'Points' } }, reason: { label: { en: 'Reason' }, widget: 'text' } },
    } as unknown as AnyNodeType;
    expect(checkNodeType(broken)).toEqual([
      'label.vi is empty',
      'icon must be a lucide icon name such as "message-square"',
      'form.points.widget is missing',
      'form.reason.label must be { vi, en }',
    ]);
  });

  it('refuses a compiled step without onFailure', () => {
    const noFailure = {
      ...points,
      compile: (_c: unknown, ctx: { nodeId: string; next(p: string): string }) => ({ steps: [{ type: 'action', id: ctx.nodeId, kind: 'x', config: {}, next: ctx.next('out') }] }),
    } as unknown as AnyNodeType;
    expect(checkNodeType(noFailure)).toEqual(['compile().steps.0.onFailure is missing']);
  });

  it('refuses a node type that cannot be described to the browser as JSON', () => {
    const undescribable = { ...points, defaultConfig: { points: 10n, reason: '' } } as unknown as AnyNodeType;
    const [problem, ...rest] = checkNodeType(undescribable).filter((p) => p.startsWith('cannot be described'));
    expect(rest).toEqual([]);
    expect(problem).toMatch(/^cannot be described to the browser \(form hints, defaultConfig and ports must be plain JSON\): .*BigInt/);
  });

  it('refuses a malformed package at load, naming the package, the type and the field', async () => {
    const broken = { ...points, form: { points: { label: { vi: 'Số điểm', en: 'Points' } } } };
    const loaded = await loadNodePackages(['@acme/loyalty'], async () => ({ nodeTypes: [broken] }));
    expect(loaded.packages).toEqual([]);
    expect(loaded.refused).toEqual([
      { name: '@acme/loyalty', reason: 'Node package "@acme/loyalty" has a malformed node type:\n  node type "add-loyalty-points": form.points.widget is missing' },
    ]);
  });
});
