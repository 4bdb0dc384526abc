import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { enumValues, kindOf, shapeOf } from './zodIntrospect';

describe('reading zod schemas for forms', () => {
  const schema = z.object({ channel: z.enum(['email', 'sms']).default('email'), note: z.string().optional(), n: z.number().nullable() });
  it('sees through defaults, optionals and nullables', () => {
    const shape = shapeOf(schema);
    expect(Object.keys(shape)).toEqual(['channel', 'note', 'n']);
    expect(enumValues(shape.channel)).toEqual(['email', 'sms']);
    expect(kindOf(shape.note)).toBe('string');
    expect(kindOf(shape.n)).toBe('number');
  });
});
