// The admin API calls of the send step's email editor: preview for a customer, test send, saved templates.
import type { EmailDesign } from '@braid/nodes';
import { http } from '../api/http';

export type MessageDraft = {
  channel: string;
  subject: string;
  body: string;
  email?: EmailDesign;
  smsStripDiacritics?: boolean;
  customerId?: string;
  entry?: Record<string, unknown>;
  voucher?: Record<string, unknown>;
};
export type RenderedMessage = { subject: string; text: string; html?: string; missingVariables: string[] };
export type MessageTemplate = { id: string; name: string; channel: string; subject: string; body: string; format: 'liquid' | 'blocks'; email?: EmailDesign; smsStripDiacritics?: boolean };

export const messagesApi = {
  preview: (draft: MessageDraft) => http.post<RenderedMessage>('/api/messages/preview', draft),
  test: (draft: MessageDraft & { to: string }) => http.post<{ ok: boolean; message: string }>('/api/messages/test', draft),
};

export const templatesApi = {
  list: (channel: string) => http.get<{ templates: MessageTemplate[] }>(`/api/templates?channel=${encodeURIComponent(channel)}`),
  create: (t: Omit<MessageTemplate, 'id' | 'format'>) => http.post<MessageTemplate>('/api/templates', t),
};
