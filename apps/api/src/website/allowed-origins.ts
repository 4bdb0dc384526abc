// Which web pages may use a workspace's write key. Write keys are public (they sit in the shop's
// HTML), so a browser request is also judged by its Origin: only pages on an origin the
// workspace listed may send events or read its visitors' on-site messages. Requests without an
// Origin (servers, Segment's server libraries) are not browsers and are judged by the key alone.
import { eq, websiteSettings, type DbOrTx } from '@braid/db';
import { ApiError } from '../errors';

const CACHE_MS = 5_000;

/** "https://Shop.example:443/" → "https://shop.example"; null when it is not an http(s) origin. */
export function normaliseOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) return null;
  return url.origin;
}

export class AllowedOrigins {
  private entries = new Map<string, { origins: Set<string>; until: number }>();

  constructor(private readonly db: DbOrTx) {}

  async of(workspaceId: string): Promise<Set<string>> {
    const now = Date.now();
    const hit = this.entries.get(workspaceId);
    if (hit && hit.until > now) return hit.origins;
    const [row] = await this.db.select({ origins: websiteSettings.allowedOrigins }).from(websiteSettings).where(eq(websiteSettings.workspaceId, workspaceId)).limit(1);
    const origins = new Set(row?.origins ?? []);
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(workspaceId, { origins, until: now + CACHE_MS });
    return origins;
  }

  /** A change made through this process applies at once; other processes see it within CACHE_MS. */
  forget(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }

  /** Refuses (403) a request sent from a page whose origin the workspace did not allow. */
  async check(origin: string | undefined, workspaceId: string): Promise<void> {
    if (!origin) return;
    if ((await this.of(workspaceId)).has(origin)) return;
    throw new ApiError(
      403,
      'origin_not_allowed',
      `Pages on ${origin} may not use this workspace's write key. If this is your shop, add ${origin} to the workspace's allowed origins (website settings).`,
      [{ field: 'Origin', message: `${origin} is not among the workspace's allowed origins` }],
    );
  }
}
