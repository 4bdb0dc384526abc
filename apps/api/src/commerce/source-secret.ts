// A shop's signing secret at rest: sealed with BRAID_SECRETS_KEY (AES-256-GCM, the key ring the
// channel accounts use, bound to the workspace and source so a sealed value copied to another row
// does not open). Verifying a delivery needs the secret itself, so it is sealed, not hashed.
// Rows written before sealing (or while no key is set) hold the secret as it was typed; they are
// read as they are and sealed the first time they are read with a key configured.
import { commerceSources, eq, type Db } from '@braid/db';
import { isSealedText, keyringFromEnv, openText, sealText, SecretsKeyError, type SecretKeyring } from '@braid/channels';
import { ApiError } from '../errors';

const boundTo = (workspaceId: string, sourceId: string) => `commerce-source:${workspaceId}:${sourceId}`;

/** The value to store: sealed when a key is configured, else the secret as is. */
export function sealSourceSecret(secret: string, workspaceId: string, sourceId: string, ring: SecretKeyring | null = keyringFromEnv()): string {
  return sealText(secret, boundTo(workspaceId, sourceId), ring);
}

export const isSealed = isSealedText;

/** The secret of a stored row; throws SecretsKeyError when it was sealed under a key not configured. */
export function openSourceSecret(stored: string, workspaceId: string, sourceId: string, ring: SecretKeyring | null = keyringFromEnv()): string {
  return openText(stored, boundTo(workspaceId, sourceId), ring);
}

/** Opens a row's secret, sealing it in place when it was stored in plain text and a key is set. */
export async function sourceSecret(db: Db, row: { id: string; workspaceId: string; secret: string }): Promise<string> {
  const ring = keyringFromEnv();
  let secret: string;
  try {
    secret = openSourceSecret(row.secret, row.workspaceId, row.id, ring);
  } catch (error) {
    if (!(error instanceof SecretsKeyError)) throw error;
    throw new ApiError(409, 'secrets_key_mismatch', `The signing secret of source ${row.id} cannot be read: ${error.message}`, [{ field: 'secret', message: error.message }]);
  }
  if (ring && !isSealed(row.secret)) {
    await db.update(commerceSources).set({ secret: sealSourceSecret(secret, row.workspaceId, row.id, ring) }).where(eq(commerceSources.id, row.id));
  }
  return secret;
}
