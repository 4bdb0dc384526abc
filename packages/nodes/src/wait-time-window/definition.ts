import { defineNodeType } from '@braid/sdk';
import { z } from 'zod';
import { isKnownTimezone, outPort, TIME_OF_DAY } from '../shared/fields';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const waitTimeWindow = defineNodeType({
  id: 'wait-time-window',
  category: 'wait',
  version: 1,
  label: 'Wait until a time of day',
  description: 'Hold customers until a time window (and days of the week) in their own timezone.',
  icon: 'calendar-clock',
  // Inside the window customers go straight through: a loop needs another wait.
  holdsCustomers: false,
  configSchema: z.object({
    from: z.string().regex(TIME_OF_DAY, { error: 'Use a time like 19:00' }),
    to: z.string().regex(TIME_OF_DAY, { error: 'Use a time like 21:00' }),
    days: z.array(z.number().int().min(0).max(6)).default([]),
    timezone: z.string().default('customer'),
    fallbackTimezone: z.string().default('Asia/Ho_Chi_Minh'),
  }),
  defaultConfig: { from: '19:00', to: '21:00', days: [], timezone: 'customer', fallbackTimezone: 'Asia/Ho_Chi_Minh' },
  form: {
    from: { label: 'From', widget: 'time' },
    to: { label: 'To', widget: 'time', help: 'A window may cross midnight, e.g. 22:00 to 06:00' },
    days: { label: 'On these days', widget: 'weekdays', help: 'Leave empty for every day' },
    timezone: {
      label: 'Timezone',
      widget: 'timezone',
      help: '"customer" uses each customer’s own timezone',
    },
    fallbackTimezone: {
      label: 'When the customer’s timezone is unknown',
      widget: 'timezone',
      showIf: { field: 'timezone', equals: 'customer' },
    },
  },
  ports: outPort,
  summary: (c) => {
    const days = c.days.length === 0 || c.days.length === 7 ? '' : ` on ${[...c.days].sort().map((d) => DAY_NAMES[d]).join(', ')}`;
    return `Wait until ${c.from}–${c.to}${days} (${c.timezone === 'customer' ? 'customer’s time' : c.timezone})`;
  },
  validate: (c) => {
    const issues = [];
    if (c.from === c.to) issues.push({ path: 'to', message: 'The window must end at a different time than it starts' });
    if (c.timezone !== 'customer' && !isKnownTimezone(c.timezone))
      issues.push({ path: 'timezone', message: `"${c.timezone}" is not a timezone we know (try Asia/Ho_Chi_Minh)` });
    if (!isKnownTimezone(c.fallbackTimezone))
      issues.push({ path: 'fallbackTimezone', message: `"${c.fallbackTimezone}" is not a timezone we know (try Asia/Ho_Chi_Minh)` });
    return issues;
  },
  compile: (c, ctx) => ({
    steps: [
      {
        type: 'wait',
        id: ctx.nodeId,
        wait: { kind: 'timeWindow', from: c.from, to: c.to, days: [...new Set(c.days)].sort(), timezone: c.timezone, fallbackTimezone: c.fallbackTimezone },
        next: ctx.next('out'),
      },
    ],
  }),
});
