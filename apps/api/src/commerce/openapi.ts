// The shop webhook and the POS endpoint, described in the same OpenAPI document as ingestion
// (plain Hono handlers, registered by hand).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../admin/common';
import { PosOrder } from './pos-routes';

type OpenAPIRegistry = OpenAPIHono['openAPIRegistry'];
const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

export function describeCommerceIngestion(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/pos/orders',
    tags: ['ingestion'],
    summary: 'A showroom sale from the till: `Order Completed` with `source: pos` of the customer whose phone the cashier typed (any spelling)',
    security: [{ writeKey: [] }],
    request: { body: { content: { 'application/json': { schema: PosOrder } } } },
    responses: {
      200: {
        description: 'Stored, or already stored (same store and orderId): `duplicate`',
        content: { 'application/json': { schema: z.object({ success: z.literal(true), duplicate: z.boolean(), phone: z.string().nullable() }) } },
      },
      400: error('Invalid sale; `details` names each field (a phone that cannot be read, no products ...)'),
      401: error('Missing, unknown or revoked write key'),
      403: error('Sent from a web page whose origin the workspace has not allowed'),
      413: error('Body over 500 KB'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/commerce/{sourceId}',
    tags: ['ingestion'],
    summary:
      'A shop’s webhook (Shopify, Haravan or Sapo: orders/create, orders/paid, orders/cancelled, checkouts/create, checkouts/update), signed with the source’s secret: base64 HMAC-SHA256 of the raw body in X-Shopify-Hmac-Sha256 / X-Haravan-Hmacsha256 / X-Sapo-Hmac-Sha256',
    request: {
      params: z.object({ sourceId: z.string().openapi({ param: { name: 'sourceId', in: 'path' } }) }),
      body: { content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi({ description: 'The platform’s Order or Checkout resource' }) } } },
    },
    responses: {
      200: {
        description: 'Verified: `accepted` (stored), `duplicate` (the order was stored before) or `ignored` (a topic Braid does not track)',
        content: { 'application/json': { schema: z.object({ received: z.literal(true), status: z.enum(['accepted', 'duplicate', 'ignored']) }) } },
      },
      400: error('Verified, but no topic header or a malformed order; `details` names each field. Nothing stored'),
      401: error('Unknown source, bad signature, another workspace’s secret, a delivery id seen before or a send time too old. Nothing stored'),
      413: error('Body over 500 KB'),
    },
  });
}
