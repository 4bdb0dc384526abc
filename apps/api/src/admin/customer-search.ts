// Finding a customer the way a marketer types them: a phone in any spelling, an email or any id
// (exact, or the start of one), or words of a name. Every branch is an index lookup: identities
// by (workspace, value), names through the customer_search word index; no profile is scanned.
import { and, customerIdentities, customers, eq, gte, inArray, isNull, lt, sql, type Db } from '@braid/db';
import { normalizeEmail, normalizePhone } from '../identity/normalize';

type CustomerRow = typeof customers.$inferSelect;

/** Ids matched on the first page at most; more means the term is too vague to be an id. */
const ID_MATCHES = 50;
/** The shortest start of an id worth a prefix lookup (shorter matches half the workspace). */
const MIN_PREFIX = 4;

/**
 * What the term could be as a stored identity value. Phones are stored in E.164, so a partly
 * typed Vietnamese number (0909 908) becomes the start of one (+84909908).
 */
export function identityCandidates(term: string): { exact: string[]; prefixes: string[] } {
  const exact = new Set<string>([term]);
  const email = normalizeEmail(term);
  if (email) exact.add(email);
  const phone = normalizePhone(term);
  if (phone) exact.add(phone);
  const prefixes = new Set<string>();
  if (term.length >= MIN_PREFIX) prefixes.add(term.toLowerCase());
  const digits = term.replace(/[\s().-]/g, '');
  if (/^\+?\d{4,}$/.test(digits)) {
    if (digits.startsWith('+')) prefixes.add(digits);
    else if (digits.startsWith('84')) prefixes.add(`+${digits}`);
    else if (digits.startsWith('0')) prefixes.add(`+84${digits.slice(1)}`);
    else prefixes.add(digits);
  }
  return { exact: [...exact], prefixes: [...prefixes] };
}

/**
 * The name-index query for a term: every word must start a word of the name. Words are quoted,
 * so FTS syntax typed by a person (quotes, *, AND, parentheses) is only ever text.
 */
export function nameQuery(term: string): string | null {
  const words = term
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

async function idMatches(db: Db, workspaceId: string, term: string): Promise<string[]> {
  const { exact, prefixes } = identityCandidates(term);
  const inWorkspace = eq(customerIdentities.workspaceId, workspaceId);
  const lookups = [
    db.select({ id: customerIdentities.customerId }).from(customerIdentities).where(and(inWorkspace, inArray(customerIdentities.value, exact))).limit(ID_MATCHES),
    ...prefixes.map((p) =>
      db
        .select({ id: customerIdentities.customerId })
        .from(customerIdentities)
        // A range on the index, not LIKE: LIKE is case-insensitive and would not use it.
        .where(and(inWorkspace, gte(customerIdentities.value, p), lt(customerIdentities.value, `${p}\uffff`)))
        .limit(ID_MATCHES),
    ),
  ];
  const ids = new Set<string>();
  for (const rows of await Promise.all(lookups)) for (const r of rows) ids.add(r.id);
  return [...ids];
}

export interface SearchPage {
  customers: CustomerRow[];
  nextCursor: string | null;
}

/**
 * One page of matches. The first page starts with id matches (few, exact or by prefix); then
 * name matches newest first, paged by the name index's own order (`n:<rowid>` cursors), never
 * repeating an id match.
 */
export async function searchCustomers(db: Db, workspaceId: string, term: string, limit: number, cursor: string | undefined): Promise<SearchPage> {
  const idIds = await idMatches(db, workspaceId, term);
  // A merged-away profile found by an old id leads to the person it was merged into.
  const byId = idIds.length
    ? await db
        .select()
        .from(customers)
        .where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, idIds)))
    : [];
  const liveIds = new Set<string>();
  const mergedTargets = byId.filter((r) => r.mergedInto).map((r) => r.mergedInto!);
  const targets = mergedTargets.length
    ? await db.select().from(customers).where(and(eq(customers.workspaceId, workspaceId), inArray(customers.id, mergedTargets), isNull(customers.mergedInto)))
    : [];
  const first: CustomerRow[] = [];
  for (const r of [...byId.filter((r) => !r.mergedInto), ...targets].sort((a, b) => (a.id < b.id ? 1 : -1))) {
    if (liveIds.has(r.id)) continue;
    liveIds.add(r.id);
    first.push(r);
  }

  const fromRowid = cursor?.startsWith('n:') ? Number(cursor.slice(2)) : null;
  const page: CustomerRow[] = fromRowid === null ? first.slice(0, limit) : [];
  const match = nameQuery(term);
  if (!match || page.length >= limit) {
    return { customers: page, nextCursor: match && page.length >= limit ? 'n:' : null };
  }
  const want = limit - page.length;
  const rows = await db.all<CustomerRow & { search_rowid: number }>(sql`
    SELECT c.id, c.workspace_id AS workspaceId, c.traits, c.merged_into AS mergedInto, c.created_at AS createdAt,
           c.updated_at AS updatedAt, c.last_seen_at AS lastSeenAt, s.rowid AS search_rowid
    FROM customer_search s JOIN customers c ON c.rowid = s.rowid
    WHERE customer_search MATCH ${match} AND c.workspace_id = ${workspaceId} AND c.merged_into IS NULL
      ${fromRowid !== null && Number.isFinite(fromRowid) && fromRowid > 0 ? sql`AND s.rowid < ${fromRowid}` : sql``}
    ORDER BY s.rowid DESC LIMIT ${want + 1 + liveIds.size}`);
  const names = rows.filter((r) => !liveIds.has(r.id));
  const taken = names.slice(0, want);
  for (const r of taken) page.push({ ...r, traits: typeof r.traits === 'string' ? (JSON.parse(r.traits) as CustomerRow['traits']) : r.traits });
  const more = names.length > want;
  return { customers: page, nextCursor: more ? `n:${taken[taken.length - 1]!.search_rowid}` : null };
}
