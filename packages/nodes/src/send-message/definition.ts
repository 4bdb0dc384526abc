import { channelLabels, channels, defineNodeType, errorText } from '@braid/sdk';
import type { ConfigIssue } from '@braid/sdk';
import { z } from 'zod';
import { outPort } from '../shared/fields';
import { actionStep, onFailureHint } from '../shared/action-step';
import { emailDesign } from './email-design';

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
    // Decree 91/2020: advertising SMS carry [QC], go from a brandname, 07:00–22:00, 3 per number per 24 h.
    // No default: an SMS step must say which it is (`validate`). Versions published before that
    // rule may have none, and the runtime reads those as advertising, the safe side of the law.
    smsPurpose: z.enum(['advertising', 'customer_care'], errorText({ vi: 'Hãy chọn loại SMS: quảng cáo hoặc chăm sóc khách hàng', en: 'Pick the SMS kind: advertising or customer care' })).optional(),
    // Messenger outside the 24-hour window: only with one of these tags, else the send is skipped with its reason.
    messengerTag: z.enum(['', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE']).default(''),
    // Zalo ZNS: a template registered in the workspace's settings, each parameter a Liquid expression.
    znsTemplateId: z.string().trim().max(64).default(''),
    znsParams: z.record(z.string(), z.string()).default({}),
    // Email written with blocks (MJML); a step without blocks sends its plain body as before.
    email: emailDesign.default({ blocks: [], preheader: '', fromName: '', fromAddress: '' }),
    // SMS: send without Vietnamese marks (GSM-7, 160 characters a segment instead of 70).
    smsStripDiacritics: z.boolean().default(false),
  }),
  // No SMS kind here: the marketer chooses it for each SMS step (nothing is pre-selected).
  defaultConfig: {
    channel: 'email',
    subject: '',
    body: '',
    webhookUrl: '',
    onFailure: 'continue',
    messageType: 'marketing',
    subscriptionGroupId: '',
    messengerTag: '',
    znsTemplateId: '',
    znsParams: {},
    email: { blocks: [], preheader: '', fromName: '', fromAddress: '' },
    smsStripDiacritics: false,
  },
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
    email: {
      label: { vi: 'Thiết kế email', en: 'Email design' },
      widget: 'email-design',
      showIf: { field: 'channel', equals: 'email' },
      help: {
        vi: 'Ghép các khối: tiêu đề, đoạn văn, ảnh, nút, mã giảm giá, danh sách sản phẩm. Có khối thì email gửi bản HTML từ các khối; nội dung bên trên thành bản dự phòng.',
        en: 'Stack blocks: heading, text, image, button, voucher, product list. With blocks, the email sends the HTML they make; the message above becomes the fallback.',
      },
    },
    smsStripDiacritics: {
      label: { vi: 'Gửi không dấu', en: 'Send without diacritics' },
      widget: 'sms-options',
      showIf: { field: 'channel', equals: 'sms' },
      help: {
        vi: 'Bỏ dấu tiếng Việt khi gửi: 160 ký tự mỗi tin thay vì 70, chi phí thấp hơn.',
        en: 'Remove Vietnamese marks when sending: 160 characters a segment instead of 70, a lower cost.',
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
    smsPurpose: {
      label: { vi: 'Loại SMS', en: 'SMS kind' },
      widget: 'select',
      showIf: { field: 'channel', equals: 'sms' },
      placeholder: { vi: 'Chọn loại SMS', en: 'Pick the SMS kind' },
      help: {
        vi: 'Bắt buộc với SMS. Tin quảng cáo theo Nghị định 91/2020: thêm [QC], gửi bằng brandname, chỉ 7h–22h, tối đa 3 tin/số/24h; ngoài giờ thì hoãn, không bỏ.',
        en: 'Required for SMS. Advertising follows Decree 91/2020: [QC] added, sent from the brandname, 07:00–22:00 only, at most 3 per number per 24 h; outside those hours it is postponed, not dropped.',
      },
      options: [
        { value: 'advertising', label: { vi: 'Quảng cáo [QC] (Nghị định 91: 7h–22h, tối đa 3 tin/24h)', en: 'Advertising [QC] (Decree 91: 07:00–22:00, at most 3 per 24 h)' } },
        { value: 'customer_care', label: { vi: 'Chăm sóc khách hàng (mẫu đã đăng ký)', en: 'Customer care (registered template)' } },
      ],
    },
    messengerTag: {
      label: { vi: 'Thẻ tin Messenger', en: 'Messenger message tag' },
      widget: 'select',
      showIf: { field: 'channel', equals: 'messenger' },
      help: {
        vi: 'Ngoài 24 giờ kể từ tin cuối của khách, Messenger chỉ nhận tin có thẻ. Không chọn: tin bị bỏ qua, có ghi lý do.',
        en: "More than 24 hours after the customer's last message, Messenger takes tagged messages only. None: the send is skipped, with the reason logged.",
      },
      options: [
        { value: '', label: { vi: 'Không gắn thẻ', en: 'No tag' } },
        { value: 'CONFIRMED_EVENT_UPDATE', label: { vi: 'Cập nhật sự kiện đã đăng ký', en: 'Confirmed event update' } },
        { value: 'POST_PURCHASE_UPDATE', label: { vi: 'Cập nhật sau mua hàng', en: 'Post-purchase update' } },
        { value: 'ACCOUNT_UPDATE', label: { vi: 'Cập nhật tài khoản', en: 'Account update' } },
      ],
    },
    znsTemplateId: {
      label: { vi: 'Mẫu ZNS', en: 'ZNS template' },
      widget: 'zns-template',
      showIf: { field: 'channel', equals: 'zalo' },
      help: {
        vi: 'Mã mẫu ZNS đã đăng ký trong Cài đặt kênh. Để trống: tin tư vấn OA (chỉ trong 48 giờ sau khi khách tương tác).',
        en: 'A ZNS template id registered in channel settings. Empty: an OA consultation message (only within 48 hours of the customer interacting).',
      },
    },
    znsParams: {
      label: { vi: 'Tham số ZNS', en: 'ZNS parameters' },
      widget: 'key-value',
      showIf: { field: 'channel', equals: 'zalo' },
      help: { vi: 'Mỗi tham số của mẫu là một biểu thức Liquid, ví dụ {{ entry.properties.order_id }}.', en: "Each of the template's parameters as a Liquid expression, e.g. {{ entry.properties.order_id }}." },
    },
    onFailure: onFailureHint,
  },
  ports: outPort,
  summary: (c) => {
    const channel = channelLabels[c.channel];
    const subject = c.subject ? `: ${c.subject}` : '';
    return { vi: `Gửi ${channel.vi}${subject}`, en: `Send ${channel.en}${subject}` };
  },
  validate: (c, ctx) => {
    const issues: ConfigIssue[] = [];
    if (c.channel === 'sms' && !c.smsPurpose) {
      const step = ctx.node(ctx.nodeId)?.label?.trim() || ctx.nodeId;
      issues.push({
        path: 'smsPurpose',
        message: {
          vi: `"${step}": hãy chọn loại SMS (quảng cáo theo Nghị định 91, hoặc chăm sóc khách hàng) trước khi xuất bản`,
          en: `"${step}": pick the SMS kind (advertising under Decree 91, or customer care) before publishing`,
        },
      });
    }
    if (c.channel === 'email' && !c.subject.trim()) issues.push({ path: 'subject', message: { vi: 'Email cần có tiêu đề', en: 'An email needs a subject' } });
    if (c.channel === 'zalo' && !c.znsTemplateId && Object.keys(c.znsParams).length > 0)
      issues.push({ path: 'znsTemplateId', message: { vi: 'Chọn mẫu ZNS cho các tham số này', en: 'Pick the ZNS template these parameters belong to' } });
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
