// Schemas shared by the admin resources.
import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid input; `details` names each field', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Not authenticated', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'Not allowed for this role', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const notFound = {
  404: { description: 'Not found in this workspace', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const security: Array<Record<string, string[]>> = [{ bearerAuth: [] }, { sessionCookie: [] }];

export const IdParam = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) });

export const Limit = z.coerce.number().int().min(1).max(500).default(50);
/** Ids are ULIDs, so "before this id" pages newest-first without offsets. */
export const Cursor = z.string().max(100).optional();

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
