// Provider secrets at rest: AES-256-GCM under a key from the environment, each sealed value naming
// its key id so keys can rotate (new key in BRAID_SECRETS_KEY, old ones kept in
// BRAID_SECRETS_OLD_KEYS until every row is re-sealed; see docs/secrets.md). The workspace and
// account kind are bound as associated data: a sealed value copied to another row does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export type SecretKeyring = {
  /** The key new values are sealed with. */
  current: { id: string; key: Buffer };
  /** Every key that may still open a value, by id (the current one included). */
  byId: Map<string, Buffer>;
};

export class SecretsKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretsKeyError';
  }
}

const VERSION = 'v1';

function parseKey(value: string, name: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new SecretsKeyError(`${name} must be 32 bytes, base64 or 64 hex characters (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

/** A short, stable id for a key when none is given: the first bytes of its hash. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * BRAID_SECRETS_KEY (32 bytes, base64 or hex), optional BRAID_SECRETS_KEY_ID, and
 * BRAID_SECRETS_OLD_KEYS ("id:key,id:key") for rotation. Null when no key is set.
 */
export function keyringFromEnv(env: Record<string, string | undefined> = process.env): SecretKeyring | null {
  if (!env.BRAID_SECRETS_KEY) return null;
  const key = parseKey(env.BRAID_SECRETS_KEY, 'BRAID_SECRETS_KEY');
  const id = env.BRAID_SECRETS_KEY_ID?.trim() || keyIdOf(key);
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new SecretsKeyError('BRAID_SECRETS_KEY_ID must be 1–32 letters, digits, "-" or "_"');
  const byId = new Map<string, Buffer>([[id, key]]);
  for (const entry of (env.BRAID_SECRETS_OLD_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = entry.indexOf(':');
    if (at < 1) throw new SecretsKeyError('BRAID_SECRETS_OLD_KEYS must be a comma-separated list of id:key');
    byId.set(entry.slice(0, at), parseKey(entry.slice(at + 1), `BRAID_SECRETS_OLD_KEYS (${entry.slice(0, at)})`));
  }
  return { current: { id, key }, byId };
}

/** A keyring of one key: tests, and installs that pass the key in code. */
export function keyringOf(key: Buffer, id = keyIdOf(key)): SecretKeyring {
  return { current: { id, key }, byId: new Map([[id, key]]) };
}

const b64 = (b: Buffer) => b.toString('base64url');

/** Seals a JSON value: "v1.<keyId>.<iv>.<tag>.<ciphertext>". */
export function sealSecrets(ring: SecretKeyring, value: Record<string, string>, boundTo: string): { sealed: string; keyId: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { sealed: [VERSION, ring.current.id, b64(iv), b64(cipher.getAuthTag()), b64(ct)].join('.'), keyId: ring.current.id };
}

/** Opens a sealed value; throws SecretsKeyError when its key is unknown or it was tampered with. */
export function openSecrets(ring: SecretKeyring, sealed: string, boundTo: string): Record<string, string> {
  const [version, keyId, iv, tag, ct] = sealed.split('.');
  if (version !== VERSION || !keyId || !iv || !tag || ct === undefined) throw new SecretsKeyError('the stored secrets are not in a format this version reads');
  const key = ring.byId.get(keyId);
  if (!key) throw new SecretsKeyError(`the secrets were sealed with key "${keyId}", which is not configured (add it to BRAID_SECRETS_OLD_KEYS)`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as Record<string, string>;
  } catch {
    throw new SecretsKeyError(`the stored secrets do not open with key "${keyId}" (wrong key, or the value was altered)`);
  }
}

/** "••••5678": enough to recognise a secret, never enough to use it. */
export function maskSecret(value: string): string {
  if (value.length <= 4) return '••••';
  return `••••${value.slice(-Math.min(4, Math.floor(value.length / 4)))}`;
}
