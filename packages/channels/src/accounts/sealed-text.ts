// One secret held in a text column (a shop's signing secret, a workspace's VAPID private key):
// sealed with the channel accounts' key ring when BRAID_SECRETS_KEY is set, bound to the row it
// belongs to. Values written before sealing, or while no key is set, are plain text; they are
// read as they are, and callers re-seal them on read once a key is configured.
import { keyringFromEnv, openSecrets, sealSecrets, SecretsKeyError, type SecretKeyring } from './secret-box';

const SEALED = 'sealed:';

export const isSealedText = (stored: string): boolean => stored.startsWith(SEALED);

/** The value to store: sealed when a key ring is configured, else the text as is. */
export function sealText(value: string, boundTo: string, ring: SecretKeyring | null = keyringFromEnv()): string {
  if (!ring) return value;
  return SEALED + sealSecrets(ring, { value }, boundTo).sealed;
}

/** The text of a stored value; throws SecretsKeyError when it was sealed under a key not configured. */
export function openText(stored: string, boundTo: string, ring: SecretKeyring | null = keyringFromEnv()): string {
  if (!isSealedText(stored)) return stored;
  if (!ring) throw new SecretsKeyError('this value is sealed and BRAID_SECRETS_KEY is not set');
  const opened = openSecrets(ring, stored.slice(SEALED.length), boundTo);
  // `secret` is the field name the first sealed shop secrets were written with.
  const text = opened.value ?? opened.secret;
  if (typeof text !== 'string') throw new SecretsKeyError('the sealed value holds no text');
  return text;
}
