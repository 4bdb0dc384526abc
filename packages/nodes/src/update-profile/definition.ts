import { defineNodeType, jsonSchema } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

export const updateProfile = defineNodeType({
  id: 'update-profile',
  category: 'action',
  version: 1,
  label: { vi: 'Cập nhật hồ sơ', en: 'Update profile' },
  description: {
    vi: 'Đặt hoặc xoá các trường trong hồ sơ khách, ví dụ đánh dấu "bỏ quên giỏ hàng".',
    en: 'Set or clear fields on the customer profile, e.g. mark them as "abandoned cart".',
  },
  icon: 'user-pen',
  configSchema: z.object({
    set: z.record(z.string().min(1), jsonSchema).default({}),
    unset: z.array(z.string().min(1)).default([]),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { set: {}, unset: [], onFailure: 'continue' },
  form: {
    set: { label: { vi: 'Đặt giá trị', en: 'Set fields' }, widget: 'key-value' },
    unset: { label: { vi: 'Xoá trường', en: 'Clear fields' }, widget: 'string-list' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => {
    const keys = Object.keys(c.set);
    const vi = [...keys.map((k) => `đặt ${k}`), ...c.unset.map((k) => `xoá ${k}`)];
    const en = [...keys.map((k) => `set ${k}`), ...c.unset.map((k) => `clear ${k}`)];
    return en.length ? { vi: `Cập nhật hồ sơ: ${vi.join(', ')}`, en: `Update profile: ${en.join(', ')}` } : { vi: 'Cập nhật hồ sơ', en: 'Update profile' };
  },
  validate: (c) =>
    Object.keys(c.set).length === 0 && c.unset.length === 0
      ? [{ path: 'set', message: { vi: 'Chọn ít nhất một trường để đặt hoặc xoá', en: 'Choose at least one field to set or clear' } }]
      : [],
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'update-profile', c, { onFailure: c.onFailure })] }),
});
