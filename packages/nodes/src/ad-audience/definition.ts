import { defineNodeType, errorText, inEachLanguage } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

const platforms = ['facebook', 'google', 'zalo'] as const;
// Brand names: the same in both languages.
const platformLabels = {
  facebook: { vi: 'Facebook / Instagram', en: 'Facebook / Instagram' },
  google: { vi: 'Google / YouTube', en: 'Google / YouTube' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
} as const;

export const adAudience = defineNodeType({
  id: 'ad-audience',
  category: 'action',
  version: 1,
  label: { vi: 'Tệp quảng cáo', en: 'Ad audience' },
  description: {
    vi: 'Thêm khách vào, hoặc xoá khỏi, một tệp quảng cáo bám đuổi trên Facebook/Instagram, Google/YouTube hoặc Zalo.',
    en: 'Add the customer to, or remove them from, a retargeting audience on Facebook/Instagram, Google/YouTube or Zalo.',
  },
  icon: 'megaphone',
  configSchema: z.object({
    operation: z.enum(['add', 'remove']).default('add'),
    platforms: z
      .array(z.enum(platforms))
      .min(1, errorText({ vi: 'Chọn ít nhất một nền tảng quảng cáo', en: 'Pick at least one ad platform' }))
      .refine((ps) => new Set(ps).size === ps.length, errorText({ vi: 'Mỗi nền tảng chỉ xuất hiện một lần', en: 'Each platform may appear once' })),
    audience: z.string().trim().min(1, errorText({ vi: 'Đặt tên tệp, ví dụ "Bỏ quên giỏ – ưu đãi 99k"', en: 'Name the audience, e.g. "Cart abandoners – 99k offer"' })),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
  }),
  defaultConfig: { operation: 'add', platforms: ['facebook'], audience: '', onFailure: 'continue' },
  form: {
    operation: {
      label: { vi: 'Thao tác', en: 'Action' },
      widget: 'select',
      options: [
        { value: 'add', label: { vi: 'Thêm vào tệp', en: 'Add to audience' } },
        { value: 'remove', label: { vi: 'Xoá khỏi tệp', en: 'Remove from audience' } },
      ],
    },
    platforms: { label: { vi: 'Nền tảng', en: 'Platforms' }, widget: 'multiselect', options: platforms.map((p) => ({ value: p, label: platformLabels[p] })) },
    audience: { label: { vi: 'Tệp quảng cáo', en: 'Audience' }, widget: 'text' },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) =>
    inEachLanguage((lang) => {
      const on = c.platforms.map((p) => platformLabels[p][lang]).join(', ');
      if (lang === 'vi') return `${c.operation === 'add' ? 'Thêm vào' : 'Xoá khỏi'} "${c.audience}" trên ${on}`;
      return `${c.operation === 'add' ? 'Add to' : 'Remove from'} "${c.audience}" on ${on}`;
    }),
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'ad-audience', c, { onFailure: c.onFailure })] }),
});
