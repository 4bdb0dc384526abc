// Merging two profiles by hand, and undoing it. A merge reuses ingestion's machinery (every row
// the merged-away profile owned follows the survivor: repointCustomerData) and first records a
// snapshot of what that profile owned, because nothing else could tell the rows apart later.
// An unmerge restores exactly that snapshot and says what it could not restore.
import { customerChanges, customerIdentities, customerMerges, customers, newId, repointCustomerData, sql, subscriptions, and, eq, type Db, type Tx } from '@braid/db';
import type { CustomerRow } from './customer-lookup';

/** Rows of each table remembered per merge; beyond it they stay with the survivor on unmerge. */
const REMEMBERED_ROWS = 20_000;
const OWNED_TABLES = ['events', 'messages', 'vouchers', 'enrollments', 'step_log', 'staff_tasks'] as const;
type OwnedTable = (typeof OWNED_TABLES)[number];

export interface MergeSnapshot {
  fromTraits: Record<string, unknown>;
  intoTraits: Record<string, unknown>;
  identities: Array<{ type: string; value: string }>;
  subscriptions: Array<{ groupId: string; status: 'subscribed' | 'unsubscribed'; updatedAt: number; source: string }>;
  /** Groups the survivor had its own answer for before the merge (those it keeps). */
  intoSubscriptionGroups: string[];
  /** Profiles merged into the merged-away one earlier; they now lead to the survivor. */
  chained: string[];
  rows: Partial<Record<OwnedTable, string[]>>;
  truncated: OwnedTable[];
}

export interface Actor {
  id: string;
  label: string;
}

/** Ids are validated by the caller; ids of owned tables never come from a request. */
async function idsOf(tx: Tx, table: OwnedTable, workspaceId: string, customerId: string): Promise<string[]> {
  const rows = await tx.all<{ id: string }>(
    sql`SELECT id FROM ${sql.identifier(table)} WHERE workspace_id = ${workspaceId} AND customer_id = ${customerId} LIMIT ${REMEMBERED_ROWS + 1}`,
  );
  return rows.map((r) => r.id);
}

export async function mergeProfiles(db: Db, workspaceId: string, from: CustomerRow, into: CustomerRow, actor: Actor, now: number) {
  return db.transaction(async (tx) => {
    // One statement at a time: a transaction is one connection.
    const identities = await tx.select({ type: customerIdentities.type, value: customerIdentities.value }).from(customerIdentities).where(and(eq(customerIdentities.workspaceId, workspaceId), eq(customerIdentities.customerId, from.id)));
    const subs = await tx.select({ groupId: subscriptions.groupId, status: subscriptions.status, updatedAt: subscriptions.updatedAt, source: subscriptions.source }).from(subscriptions).where(eq(subscriptions.customerId, from.id));
    const intoSubs = await tx.select({ groupId: subscriptions.groupId }).from(subscriptions).where(eq(subscriptions.customerId, into.id));
    const chained = await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.workspaceId, workspaceId), eq(customers.mergedInto, from.id)));
    const snapshot: MergeSnapshot = {
      fromTraits: from.traits ?? {},
      intoTraits: into.traits ?? {},
      identities,
      subscriptions: subs,
      intoSubscriptionGroups: intoSubs.map((s) => s.groupId),
      chained: chained.map((c) => c.id),
      rows: {},
      truncated: [],
    };
    const moved: Record<string, number> = { identities: identities.length };
    for (const table of OWNED_TABLES) {
      const ids = await idsOf(tx, table, workspaceId, from.id);
      if (ids.length > REMEMBERED_ROWS) snapshot.truncated.push(table);
      snapshot.rows[table] = ids.slice(0, REMEMBERED_ROWS);
      moved[table] = ids.length;
    }
    await tx.update(customers).set({ mergedInto: into.id, updatedAt: now }).where(eq(customers.id, from.id));
    await repointCustomerData(tx, workspaceId, from.id, into.id);
    await tx.update(customers).set({ mergedInto: into.id, updatedAt: now }).where(and(eq(customers.workspaceId, workspaceId), eq(customers.mergedInto, from.id)));
    // The survivor's own traits win, as when ingestion merges.
    await tx.run(sql`UPDATE customers SET traits = json_patch(${JSON.stringify(snapshot.fromTraits)}, traits), updated_at = ${now} WHERE id = ${into.id}`);
    // A new merge row also tells every process's identity cache that owners moved.
    await tx.insert(customerMerges).values({ id: newId(now), workspaceId, fromId: from.id, intoId: into.id, reason: 'manual', at: now });
    await tx.insert(customerChanges).values({ id: newId(now), workspaceId, customerId: into.id, otherId: from.id, kind: 'merge', actorId: actor.id, actorLabel: actor.label, at: now, details: snapshot as unknown as Record<string, unknown> });
    return moved;
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface UnmergeResult {
  restored: Record<string, number>;
  /** What stays with the survivor, by code (the screen words it). */
  kept: Array<{ code: string; message: string }>;
}

export async function unmergeProfile(
  db: Db,
  workspaceId: string,
  record: { id: string; details: Record<string, unknown> },
  from: CustomerRow,
  survivor: CustomerRow,
  actor: Actor,
  now: number,
): Promise<UnmergeResult> {
  const snap = record.details as unknown as MergeSnapshot;
  return db.transaction(async (tx) => {
    const restored: Record<string, number> = {};
    const kept: UnmergeResult['kept'] = [];
    await tx.update(customers).set({ mergedInto: null, traits: snap.fromTraits, updatedAt: now }).where(eq(customers.id, from.id));

    let identities = 0;
    for (const i of snap.identities) {
      const r = await tx.run(
        sql`UPDATE customer_identities SET customer_id = ${from.id} WHERE workspace_id = ${workspaceId} AND type = ${i.type} AND value = ${i.value} AND customer_id = ${survivor.id}`,
      );
      identities += r.rowsAffected;
    }
    restored.identities = identities;
    if (identities < snap.identities.length) kept.push({ code: 'identities_moved', message: `${snap.identities.length - identities} of its identities belong to another profile since the merge` });

    for (const table of OWNED_TABLES) {
      const ids = snap.rows[table] ?? [];
      let n = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        const r = await tx.run(
          sql`UPDATE ${sql.identifier(table)} SET customer_id = ${from.id} WHERE workspace_id = ${workspaceId} AND customer_id = ${survivor.id} AND id IN (${sql.join(part.map((id) => sql`${id}`), sql`, `)})`,
        );
        n += r.rowsAffected;
      }
      restored[table] = n;
    }
    if (snap.truncated.length) kept.push({ code: 'too_many_rows', message: `Only the first ${REMEMBERED_ROWS} rows of ${snap.truncated.join(', ')} were recorded at the merge; the rest stay` });

    // Consent: the restored profile gets its own answers back; the survivor drops answers it only
    // had through the merge, unless someone changed them since.
    for (const s of snap.subscriptions) {
      if (!snap.intoSubscriptionGroups.includes(s.groupId)) {
        await tx.run(
          sql`DELETE FROM subscriptions WHERE customer_id = ${survivor.id} AND group_id = ${s.groupId} AND status = ${s.status} AND updated_at = ${s.updatedAt}`,
        );
      }
      await tx
        .insert(subscriptions)
        .values({ customerId: from.id, groupId: s.groupId, status: s.status, updatedAt: s.updatedAt, source: s.source, workspaceId })
        .onConflictDoUpdate({ target: [subscriptions.customerId, subscriptions.groupId], set: { status: s.status, updatedAt: s.updatedAt, source: s.source } });
    }
    restored.subscriptions = snap.subscriptions.length;

    if (snap.chained.length) {
      await tx.run(
        sql`UPDATE customers SET merged_into = ${from.id}, updated_at = ${now} WHERE workspace_id = ${workspaceId} AND merged_into = ${survivor.id} AND id IN (${sql.join(snap.chained.map((id) => sql`${id}`), sql`, `)})`,
      );
    }

    // Traits the survivor only had from the merged profile, unchanged since, go back with it.
    const [current] = await tx.select({ traits: customers.traits }).from(customers).where(eq(customers.id, survivor.id));
    const removal: Record<string, null> = {};
    for (const [key, value] of Object.entries(snap.fromTraits)) {
      if (!(key in snap.intoTraits) && current && key in current.traits && same(current.traits[key], value)) removal[key] = null;
    }
    if (Object.keys(removal).length) {
      await tx.run(sql`UPDATE customers SET traits = json_patch(traits, ${JSON.stringify(removal)}), updated_at = ${now} WHERE id = ${survivor.id}`);
    }
    restored.traits = Object.keys(removal).length;

    kept.push({ code: 'activity_after_merge', message: 'Events, messages and journey steps recorded after the merge stay with the surviving profile' });
    kept.push({ code: 'segments_audiences', message: 'Segment memberships and ad audiences are not restored; segments re-evaluate the restored profile' });

    await tx.insert(customerMerges).values({ id: newId(now), workspaceId, fromId: from.id, intoId: from.id, reason: `unmerge:${survivor.id}`, at: now });
    await tx.update(customerChanges).set({ undoneAt: now }).where(eq(customerChanges.id, record.id));
    await tx.insert(customerChanges).values({ id: newId(now), workspaceId, customerId: survivor.id, otherId: from.id, kind: 'unmerge', actorId: actor.id, actorLabel: actor.label, at: now, details: { restored, kept } });
    return { restored, kept };
  });
}
