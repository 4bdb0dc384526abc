// Looking up API keys by hash, with a short cache so ingestion does not hit the database for
// every request. Revoking through this process clears the cache at once; other processes see a
// revocation within CACHE_MS.
import { and, apiKeys, eq, isNull, newId, type ApiKeyKind, type DbOrTx } from '@braid/db';
import { displayPrefix, randomToken, sha256 } from './secrets';

const CACHE_MS = 5_000;

export interface KeyOwner {
  keyId: string;
  workspaceId: string;
}

export class KeyCache {
  private entries = new Map<string, { owner: KeyOwner | null; until: number }>();

  constructor(private readonly db: DbOrTx) {}

  async lookup(secret: string, kind: ApiKeyKind): Promise<KeyOwner | null> {
    const hash = sha256(secret);
    const cacheKey = `${kind}:${hash}`;
    const now = Date.now();
    const hit = this.entries.get(cacheKey);
    if (hit && hit.until > now) return hit.owner;
    const [row] = await this.db
      .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId })
      .from(apiKeys)
      .where(and(eq(apiKeys.hash, hash), eq(apiKeys.kind, kind), isNull(apiKeys.revokedAt)))
      .limit(1);
    const owner = row ? { keyId: row.id, workspaceId: row.workspaceId } : null;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(cacheKey, { owner, until: now + CACHE_MS });
    return owner;
  }

  forget(): void {
    this.entries.clear();
  }
}

export const keyPrefixes: Record<ApiKeyKind, string> = { write: 'bwk', admin: 'bat' };

/** Store a key (hashed) and return the secret, which is shown once and never again. */
export async function createApiKey(
  db: DbOrTx,
  input: { workspaceId: string; kind: ApiKeyKind; name: string; secret?: string },
) {
  const secret = input.secret ?? randomToken(keyPrefixes[input.kind]);
  const row = {
    id: newId(),
    workspaceId: input.workspaceId,
    kind: input.kind,
    name: input.name,
    prefix: displayPrefix(secret),
    hash: sha256(secret),
    createdAt: Date.now(),
    revokedAt: null,
  };
  await db.insert(apiKeys).values(row);
  const { hash: _hash, ...key } = row;
  return { key, secret };
}
