import { channelLabels, channels, defineNodeType, errorText } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';

export const sendMessage = defineNodeType({
  id: 'send-message',
  category: 'action',
  // v1 had a single `message` field; v2 splits subject and body.
  version: 2,
  label: { vi: 'Gửi tin nhắn', en: 'Send a message' },
  description: {
    vi: 'Email, SMS, Messenger, Zalo, tin trên website, thông báo đẩy hoặc webhook, viết bằng Liquid.',
    en: 'Email, SMS, Messenger, Zalo, on-site message, push or webhook, written in Liquid.',
  },
  icon: 'send',
  configSchema: z.object({
    channel: z.enum(channels, errorText({ vi: 'Hãy chọn một kênh', en: 'Pick a channel' })),
    subject: z.string().default(''),
    body: z.string().trim().min(1, errorText({ vi: 'Hãy viết nội dung tin nhắn', en: 'Write the message' })),
    webhookUrl: z.string().default(''),
    onFailure: z.enum(['continue', 'exit']).default('continue'),
    // Transactional (order update, payment failed): not blocked by marketing opt-outs, no unsubscribe headers.
    messageType: z.enum(['marketing', 'transactional']).default('marketing'),
    // The subscription group consent is checked against; '' = any group of the channel.
    subscriptionGroupId: z.string().trim().max(100).default(''),
  }),
  defaultConfig: { channel: 'email', subject: '', body: '', webhookUrl: '', onFailure: 'continue', messageType: 'marketing', subscriptionGroupId: '' },
  form: {
    channel: { label: { vi: 'Kênh', en: 'Channel' }, widget: 'select', options: channels.map((c) => ({ value: c, label: channelLabels[c] })) },
    subject: {
      label: { vi: 'Tiêu đề', en: 'Subject' },
      widget: 'liquid',
      showIf: { field: 'channel', equals: ['email', 'push', 'web'] },
      placeholder: { vi: 'Hoa Ban Food xin chào {{ customer.firstName }}', en: 'Hoa Ban Food says hello, {{ customer.firstName }}' },
    },
    body: {
      label: { vi: 'Nội dung', en: 'Message' },
      widget: 'liquid',
      help: {
        vi: 'Dùng {{ customer.firstName }}, {{ entry.properties.product_name }}, {{ voucher.code }} ...',
        en: 'Use {{ customer.firstName }}, {{ entry.properties.product_name }}, {{ voucher.code }} ...',
      },
    },
    webhookUrl: { label: { vi: 'Địa chỉ webhook', en: 'Webhook URL' }, widget: 'url', showIf: { field: 'channel', equals: 'webhook' } },
    messageType: {
      label: { vi: 'Loại tin', en: 'Message type' },
      widget: 'select',
      options: [
        { value: 'marketing', label: { vi: 'Tiếp thị (cần khách đồng ý)', en: 'Marketing (needs consent)' } },
        { value: 'transactional', label: { vi: 'Giao dịch: đơn hàng, thanh toán', en: 'Transactional: orders, payments' } },
      ],
    },
    subscriptionGroupId: {
      label: { vi: 'Nhóm tin', en: 'Subscription group' },
      widget: 'text',
      showIf: { field: 'messageType', equals: 'marketing' },
      help: {
        vi: 'Mã nhóm tin, ví dụ nhóm "Khuyến mãi". Khách đã hủy nhóm này sẽ được bỏ qua, có ghi lý do. Để trống: bất kỳ nhóm nào của kênh.',
        en: 'The subscription group id, e.g. "Khuyến mãi". Customers who left it are skipped, with the reason logged. Empty: any group of the channel.',
      },
    },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => {
    const channel = channelLabels[c.channel];
    const subject = c.subject ? `: ${c.subject}` : '';
    return { vi: `Gửi ${channel.vi}${subject}`, en: `Send ${channel.en}${subject}` };
  },
  validate: (c) => {
    const issues: ConfigIssue[] = [];
    if (c.channel === 'email' && !c.subject.trim()) issues.push({ path: 'subject', message: { vi: 'Email cần có tiêu đề', en: 'An email needs a subject' } });
    if (c.channel === 'webhook' && !/^https?:\/\/\S+$/.test(c.webhookUrl))
      issues.push({ path: 'webhookUrl', message: { vi: 'Nhập địa chỉ nhận tin, bắt đầu bằng https://', en: 'Enter the address to post to, starting with https://' } });
    return issues;
  },
  compile: (c, ctx) => ({ steps: [actionStep(ctx, 'send-message', c, { channel: c.channel, onFailure: c.onFailure })] }),
  channelOf: (c) => c.channel,
  migrate: (from, config) => {
    if (from === 1) {
      const { message, ...rest } = (config ?? {}) as { message?: unknown } & Record<string, unknown>;
      return { ...rest, body: message };
    }
    return config;
  },
});
