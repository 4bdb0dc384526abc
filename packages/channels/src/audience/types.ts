/** Ad platforms a journey can put customers into audiences on (matches the ad-audience node). */
export const AD_PLATFORMS = ['facebook', 'google', 'zalo'] as const;
export type AdPlatform = (typeof AD_PLATFORMS)[number];

/** Which audience: the marketer's name for it, in one workspace. Adapters map names to platform ids. */
export type AudienceRef = {
  workspaceId: string;
  /** e.g. "Cart abandoners – 99k offer"; a platform id ("23851234567890") works as a name too. */
  name: string;
  /** Step key (workflow + node + visit + platform): carried to the platform where it supports one. */
  idempotencyKey?: string;
};

/** A customer as an audience sees them: only identifiers, hashed by the adapter before leaving. */
export type AudienceCustomer = {
  customerId: string;
  emails: string[];
  phones: string[];
};

export type AudienceResult =
  | { status: 'done'; /** customers sent with at least one identifier */ sent: number; /** customers with nothing to match on */ skipped: number; providerRef?: string }
  | { status: 'failed'; error: { code: string; message: string }; retryable: boolean };

export type AudienceContext = { signal?: AbortSignal; now?: () => number };

/**
 * One ad platform's audiences. Like ChannelAdapter.send, add/remove never throw for a platform
 * problem: it comes back as a failed result, retryable only when the same call may succeed later.
 * Adding someone already in, or removing someone not in, is a no-op on every platform, so a
 * retried call is harmless.
 */
export type AudienceAdapter = {
  platform: string;
  /** "sandbox", "facebook-custom-audiences", "google-customer-match" ... */
  name: string;
  add(audience: AudienceRef, customers: AudienceCustomer[], ctx?: AudienceContext): Promise<AudienceResult>;
  remove(audience: AudienceRef, customers: AudienceCustomer[], ctx?: AudienceContext): Promise<AudienceResult>;
};

export const audienceFailed = (code: string, message: string, retryable: boolean): AudienceResult => ({ status: 'failed', error: { code, message }, retryable });
