// "__NODE_TYPE_TITLE__": sets a trait on the customer when they reach this step (e.g. vip = yes),
// so later steps, segments and the customer's profile see it. Isomorphic: Braid's canvas imports
// this file to draw the step, its form and its summary; keep Node and server code out of it.
import { defineNodeType, errorText } from '@braid/sdk';
import { z } from 'zod';

export const __NODE_TYPE_CONST__ = defineNodeType({
  id: '__NODE_TYPE_ID__',
  category: 'action',
  version: 1,
  // Every text in Vietnamese and English: a missing language is a type error.
  label: { vi: 'Gắn nhãn cho khách', en: 'Tag the customer' },
  description: {
    vi: 'Ghi một thuộc tính vào hồ sơ khách, ví dụ vip = có.',
    en: 'Write a trait on the customer’s profile, e.g. vip = yes.',
  },
  // A lucide icon name (https://lucide.dev/icons).
  icon: 'tag',
  configSchema: z.object({
    trait: z
      .string()
      .trim()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, errorText({ vi: 'Tên thuộc tính: chữ, số và dấu _, bắt đầu bằng chữ', en: 'Trait name: letters, digits and _, starting with a letter' })),
    value: z
      .string()
      .trim()
      .min(1, errorText({ vi: 'Hãy nhập giá trị', en: 'Enter a value' }))
      .max(200, errorText({ vi: 'Tối đa 200 ký tự', en: 'At most 200 characters' })),
  }),
  defaultConfig: { trait: 'vip', value: 'yes' },
  form: {
    trait: { label: { vi: 'Thuộc tính', en: 'Trait' }, widget: 'text', placeholder: { vi: 'vip', en: 'vip' } },
    value: {
      label: { vi: 'Giá trị', en: 'Value' },
      widget: 'liquid',
      help: { vi: 'Liquid, ví dụ {{ entry.properties.plan }}', en: 'Liquid, e.g. {{ entry.properties.plan }}' },
    },
  },
  ports: [{ id: 'out', label: { vi: 'Tiếp theo', en: 'Next' } }],
  summary: (c) => ({ vi: `Gắn ${c.trait} = ${c.value}`, en: `Set ${c.trait} = ${c.value}` }),
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'action',
        id: ctx.nodeId,
        kind: '__NODE_TYPE_ID__',
        config: { trait: c.trait, value: c.value },
        next: ctx.next('out'),
        // A tag that could not be written must not hold up the customer's journey.
        onFailure: { kind: 'continue' },
      },
    ],
  }),
});
