// `npm run secrets:reseal -w @braid/api`: after rotating BRAID_SECRETS_KEY (the old key moved to
// BRAID_SECRETS_OLD_KEYS), re-seals every channel account with the new key, so the old key can be
// dropped, and seals the workspaces' tracking keys (plain text when written before a key was set).
// Safe to run twice; rows already on the new key are left alone.
import { keyringFromEnv, resealAccounts, resealTrackingKeys } from '@braid/channels';
import { createDb } from '@braid/db';

const ring = keyringFromEnv();
if (!ring) {
  console.error('BRAID_SECRETS_KEY is not set: nothing to re-seal with');
  process.exit(1);
}
const braid = await createDb(process.env.BRAID_DATABASE_URL);
try {
  const changed = await resealAccounts(braid.db, ring);
  console.log(`re-sealed ${changed} channel account(s) with key "${ring.current.id}"`);
  const keys = await resealTrackingKeys(braid.db, ring);
  console.log(`re-sealed ${keys} tracking key(s) with key "${ring.current.id}"`);
} finally {
  braid.close();
}
