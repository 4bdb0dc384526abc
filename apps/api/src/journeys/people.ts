// Who did it, in words a teammate recognises: a user's name (or email), or an API key's name.
// Versions and journeys store the actor id; the label is looked up when read, so a renamed
// user shows their current name.
import { and, apiKeys, eq, inArray, users, type DbOrTx } from '@braid/db';

export type PeopleLabels = Map<string, string>;

export async function peopleLabels(db: DbOrTx, workspaceId: string, ids: readonly (string | null)[]): Promise<PeopleLabels> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const labels: PeopleLabels = new Map();
  if (wanted.length === 0) return labels;
  const [people, keys] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.workspaceId, workspaceId), inArray(users.id, wanted))),
    db
      .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix })
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, workspaceId), inArray(apiKeys.id, wanted))),
  ]);
  for (const p of people) labels.set(p.id, p.name.trim() ? `${p.name.trim()} <${p.email}>` : p.email);
  for (const k of keys) labels.set(k.id, `API key ${k.name.trim() || `${k.prefix}…`}`);
  return labels;
}
