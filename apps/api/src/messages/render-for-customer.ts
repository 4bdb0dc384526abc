// A send step's message as one real customer of the workspace would get it: the same Liquid,
// MJML and escaping as the worker (through @braid/channels), so the preview and the test email
// show what the journey will send.
import { customers, and, eq, type Db } from '@braid/db';
import { renderEmailDesign, renderMessage, TemplateError, EmailDesignError, type TemplateData } from '@braid/channels';
import { designToMjml, designToText, emailDesign, smsCost, stripDiacritics, usesBlocks, type SmsCost } from '@braid/nodes';
import { z } from '@hono/zod-openapi';
import { ApiError } from '../errors';

export const MessageDraft = z
  .object({
    channel: z.enum(['email', 'sms', 'messenger', 'zalo', 'web', 'push', 'webhook']).default('email'),
    subject: z.string().max(1_000).default(''),
    body: z.string().max(20_000).default(''),
    email: emailDesign.optional(),
    smsStripDiacritics: z.boolean().default(false),
    /** The customer to render for; none: an empty profile. */
    customerId: z.string().max(200).optional(),
    /** Sample entry event and earlier steps' outputs (voucher ...), as the canvas preview has them. */
    entry: z.record(z.string(), z.unknown()).optional(),
    voucher: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('MessageDraft');
export type MessageDraftInput = z.output<typeof MessageDraft>;

export const RenderedDraft = z
  .object({
    subject: z.string(),
    text: z.string(),
    html: z.string().optional(),
    missingVariables: z.array(z.string()),
    sms: z.object({ characters: z.number(), encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number(), unicodeCharacters: z.array(z.string()) }).optional(),
  })
  .openapi('RenderedMessage');
export type RenderedDraft = { subject: string; text: string; html?: string; missingVariables: string[]; sms?: SmsCost; from?: string };

async function customerData(db: Db, workspaceId: string, customerId: string | undefined): Promise<{ id: string; traits: Record<string, unknown> }> {
  if (!customerId) return { id: '', traits: {} };
  const [row] = await db
    .select({ id: customers.id, traits: customers.traits })
    .from(customers)
    .where(and(eq(customers.workspaceId, workspaceId), eq(customers.id, customerId)))
    .limit(1);
  if (!row) throw new ApiError(404, 'not_found', `customerId: no customer ${customerId} in this workspace`, [{ field: 'customerId', message: 'Unknown customer' }]);
  return { id: row.id, traits: row.traits as Record<string, unknown> };
}

export async function renderDraft(db: Db, workspaceId: string, draft: MessageDraftInput, unsubscribeUrl = ''): Promise<RenderedDraft> {
  const customer = await customerData(db, workspaceId, draft.customerId);
  const entry = draft.entry ?? null;
  const data: TemplateData = {
    customer: { id: customer.id, ...customer.traits },
    entry,
    event: entry,
    ...(draft.voucher ? { voucher: draft.voucher } : {}),
    unsubscribe_url: unsubscribeUrl,
  };
  const timezone = typeof customer.traits.timezone === 'string' ? customer.traits.timezone : null;
  try {
    const plain = await renderMessage({ subject: draft.subject, body: draft.body }, data, { timezone });
    const out: RenderedDraft = { subject: plain.subject, text: plain.body, missingVariables: plain.missingVariables };
    if (draft.channel === 'email' && draft.email) {
      if (draft.email.fromAddress) out.from = draft.email.fromName ? `"${draft.email.fromName.replace(/["\\]/g, '')}" <${draft.email.fromAddress}>` : draft.email.fromAddress;
      if (usesBlocks(draft.email)) {
        const email = await renderEmailDesign(designToMjml(draft.email, draft.subject), designToText(draft.email), data, { timezone });
        out.html = email.html;
        out.text = email.text;
        out.missingVariables = [...new Set([...out.missingVariables, ...email.missingVariables])];
      }
    }
    if (draft.channel === 'sms') {
      if (draft.smsStripDiacritics) out.text = stripDiacritics(out.text);
      out.sms = smsCost(out.text);
    }
    return out;
  } catch (error) {
    if (error instanceof TemplateError) throw new ApiError(400, 'invalid_request', error.message, [{ field: error.field === 'html' ? 'email' : error.field, message: error.message }]);
    if (error instanceof EmailDesignError) throw new ApiError(400, 'invalid_request', error.message, [{ field: 'email', message: error.message }]);
    throw error;
  }
}
