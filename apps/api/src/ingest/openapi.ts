// The Segment-compatible ingestion routes, described in the same OpenAPI document as the admin
// API (they are plain Hono handlers, so they are registered by hand).
import type { OpenAPIHono } from '@hono/zod-openapi';

type OpenAPIRegistry = OpenAPIHono['openAPIRegistry'];
import { z } from '@hono/zod-openapi';
import { ErrorSchema } from '../admin/common';
import { eventSchemas, segmentTypes } from './schema';

export function describeIngestion(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'writeKey', {
    type: 'http',
    scheme: 'basic',
    description:
      "Write key as the Basic username, empty password (or `writeKey` in the body). Servers may send an admin token instead: while the workspace verifies identities, events sent with the write key that name a `userId` must carry `userHash` (hex HMAC-SHA256 of the userId with the workspace's identity secret); an admin token's are taken as they are",
  });
  const responses = {
    200: {
      description: 'Stored (or already stored: messageId dedupe)',
      content: { 'application/json': { schema: z.object({ success: z.literal(true) }) } },
    },
    400: {
      description:
        'Invalid event; `details` names each field. Also for bodies over 500 KB, events over 32 KB or nested more than 64 levels, lone UTF-16 surrogates, and dates outside 1970–9999. A batch with one bad event is refused whole: nothing of it is stored',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    401: {
      description: 'Missing, unknown or revoked write key',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    403: {
      description:
        '`origin_not_allowed`: a page on an origin the workspace did not allow; `identity_not_verified`: the workspace verifies identities and an event names a userId without its valid `userHash` (`details` names each, e.g. `batch.3.userHash`). Nothing of the request is stored',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    408: {
      description: 'The body did not arrive within 10 s (e.g. Content-Length larger than the body); the connection is closed',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    415: {
      description: 'Content-Encoding other than gzip or none',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    503: {
      description: 'The workspace verifies identities but its identity secret cannot be opened with the configured BRAID_SECRETS_KEY; retry later',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  };
  for (const type of segmentTypes) {
    registry.registerPath({
      method: 'post',
      path: `/v1/${type}`,
      tags: ['ingestion'],
      summary: `Segment ${type}`,
      security: [{ writeKey: [] }],
      request: { body: { content: { 'application/json': { schema: eventSchemas[type] } } } },
      responses,
    });
  }
  registry.registerPath({
    method: 'post',
    path: '/v1/batch',
    tags: ['ingestion'],
    summary: 'Segment batch: up to 500 KB of events of any type, each with its `type`',
    security: [{ writeKey: [] }],
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({
              batch: z.array(z.record(z.string(), z.unknown())),
              sentAt: z.string().optional(),
              context: z.record(z.string(), z.unknown()).optional(),
            }),
          },
        },
      },
    },
    responses,
  });
}
