// What a marketer changes on a profile by hand: traits, merging two profiles of one person, and
// undoing a merge. Each change is recorded with who made it and when (customer_changes).
import { and, customerChanges, customers, desc, eq, isNull, newId, sql, type Db } from '@braid/db';
import { createRoute, z } from '@hono/zod-openapi';
import { adminApp } from './openapi-app';
import { errorResponses, ErrorSchema, IdParam, json, notFound, security } from './common';
import { findCustomer, findLiveCustomer } from './customer-lookup';
import { mergeProfiles, unmergeProfile, type Actor } from './customer-merge';
import { ApiError, validationError } from '../errors';
import type { Actor as CallerActor } from '../env';

const tags = ['customers'];
const conflict = { 409: json(ErrorSchema, 'The profiles are not in a state that allows it; `details` names the field') };

const TraitValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()]);
const TraitsChange = z
  .object({
    traits: z
      .record(z.string().min(1).max(100).refine((k) => !/^[$.]/.test(k) && !k.includes(String.fromCharCode(0)), 'must not start with $ or . nor contain NUL'), TraitValue)
      .openapi({ description: 'Trait → new value; null removes the trait', example: { city: 'Hà Nội', vip: true, nickname: null } }),
  })
  .refine((b) => Object.keys(b.traits).length > 0, { error: 'Name at least one trait', path: ['traits'] })
  .refine((b) => Object.keys(b.traits).length <= 50, { error: 'At most 50 traits at once', path: ['traits'] });

const ProfileRef = z.object({ profileId: z.string().min(1).max(100).openapi({ description: 'The other profile' }) });

const editTraits = createRoute({
  method: 'patch',
  path: '/{id}/traits',
  tags,
  summary: "Change a customer's traits by hand (recorded with who and when)",
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: TraitsChange } } } },
  responses: {
    200: json(z.object({ id: z.string(), traits: z.record(z.string(), z.unknown()), changed: z.array(z.string()) }), 'Traits after the change'),
    ...errorResponses,
    ...notFound,
  },
});

const merge = createRoute({
  method: 'post',
  path: '/{id}/merge',
  tags,
  summary: 'Merge another profile of the same person into this one (this one survives)',
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: ProfileRef } } } },
  responses: {
    200: json(z.object({ survivor: z.string(), merged: z.string(), moved: z.record(z.string(), z.number().int()) }), 'Merged'),
    ...errorResponses,
    ...notFound,
    ...conflict,
  },
});

const unmerge = createRoute({
  method: 'post',
  path: '/{id}/unmerge',
  tags,
  summary: 'Undo a merge made by hand: the merged profile comes back with what it owned at the merge; `kept` lists what stays',
  security,
  request: { params: IdParam, body: { content: { 'application/json': { schema: ProfileRef } } } },
  responses: {
    200: json(
      z.object({ survivor: z.string(), restored: z.string(), moved: z.record(z.string(), z.number().int()), kept: z.array(z.object({ code: z.string(), message: z.string() })) }),
      'Unmerged',
    ),
    ...errorResponses,
    ...notFound,
    ...conflict,
  },
});

function actorOf(actor: CallerActor): Actor {
  return { id: actor.id, label: actor.kind === 'user' ? (actor.email ?? actor.id) : `API key ${actor.id}` };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function customerEditRoutes(db: Db) {
  return adminApp()
    .openapi(editTraits, async (c) => {
      const workspaceId = c.get('workspaceId');
      const row = await findLiveCustomer(db, workspaceId, c.req.valid('param').id);
      const wanted = c.req.valid('json').traits;
      const before = row.traits ?? {};
      const changes = Object.entries(wanted)
        .filter(([key, value]) => (value === null ? key in before : !same(before[key], value)))
        .map(([key, value]) => ({ key, from: key in before ? before[key] : null, to: value }));
      if (changes.length) {
        const now = Date.now();
        const actor = actorOf(c.get('actor'));
        await db.transaction(async (tx) => {
          // json_patch in SQL: an identify arriving meanwhile keeps its other traits.
          const patch = Object.fromEntries(changes.map((ch) => [ch.key, ch.to]));
          await tx.run(sql`UPDATE customers SET traits = json_patch(traits, ${JSON.stringify(patch)}), updated_at = ${now} WHERE id = ${row.id}`);
          await tx.insert(customerChanges).values({ id: newId(now), workspaceId, customerId: row.id, otherId: null, kind: 'traits', actorId: actor.id, actorLabel: actor.label, at: now, details: { changes } });
        });
      }
      const [after] = await db.select({ traits: customers.traits }).from(customers).where(eq(customers.id, row.id));
      return c.json({ id: row.id, traits: after?.traits ?? {}, changed: changes.map((ch) => ch.key) }, 200);
    })
    .openapi(merge, async (c) => {
      const workspaceId = c.get('workspaceId');
      const into = await findLiveCustomer(db, workspaceId, c.req.valid('param').id);
      const { profileId } = c.req.valid('json');
      const from = await findCustomer(db, workspaceId, profileId, 'profileId');
      if (from.id === into.id) throw validationError([{ field: 'profileId', message: 'is this customer; choose another profile' }]);
      if (from.mergedInto) {
        throw new ApiError(409, 'already_merged', `Profile ${from.id} is already merged into ${from.mergedInto}`, [{ field: 'profileId', message: `already merged into ${from.mergedInto}` }]);
      }
      const moved = await mergeProfiles(db, workspaceId, from, into, actorOf(c.get('actor')), Date.now());
      return c.json({ survivor: into.id, merged: from.id, moved }, 200);
    })
    .openapi(unmerge, async (c) => {
      const workspaceId = c.get('workspaceId');
      const survivor = await findLiveCustomer(db, workspaceId, c.req.valid('param').id);
      const { profileId } = c.req.valid('json');
      const from = await findCustomer(db, workspaceId, profileId, 'profileId');
      if (!from.mergedInto) throw new ApiError(409, 'not_merged', `Profile ${from.id} is not merged`, [{ field: 'profileId', message: 'is not merged' }]);
      if (from.mergedInto !== survivor.id) {
        throw new ApiError(409, 'merged_elsewhere', `Profile ${from.id} is merged into ${from.mergedInto}, not this customer`, [{ field: 'profileId', message: `is merged into ${from.mergedInto}` }]);
      }
      const [record] = await db
        .select({ id: customerChanges.id, details: customerChanges.details })
        .from(customerChanges)
        .where(and(eq(customerChanges.workspaceId, workspaceId), eq(customerChanges.otherId, from.id), eq(customerChanges.kind, 'merge'), isNull(customerChanges.undoneAt)))
        .orderBy(desc(customerChanges.at))
        .limit(1);
      if (!record) {
        throw new ApiError(
          409,
          'automatic_merge',
          'This profile was merged automatically when its identities met; Braid kept no record of what belonged to it, so it cannot be split',
          [{ field: 'profileId', message: 'was merged automatically' }],
        );
      }
      const result = await unmergeProfile(db, workspaceId, record, from, survivor, actorOf(c.get('actor')), Date.now());
      return c.json({ survivor: survivor.id, restored: from.id, moved: result.restored, kept: result.kept }, 200);
    });
}
