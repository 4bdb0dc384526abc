// Each workspace signs its web push requests with its own VAPID key pair (RFC 8292), made the
// first time anything needs it: the snippet asking for the public key, or the first push send.
// The private key is sealed at rest like the channel accounts' secrets (BRAID_SECRETS_KEY); one
// stored before a key was configured is sealed the next time it is read.
import { and, eq, isNull, websiteSettings, type DbOrTx } from '@braid/db';
import webpush from 'web-push';
import { isSealedText, openText, sealText } from '../accounts/sealed-text';
import { keyringFromEnv } from '../accounts/secret-box';

export type VapidKeys = { publicKey: string; privateKey: string };

export async function workspaceVapidKeys(db: DbOrTx, workspaceId: string, now: () => number = Date.now): Promise<VapidKeys> {
  const stored = await readKeys(db, workspaceId);
  if (stored) return stored;
  const fresh = webpush.generateVAPIDKeys();
  await db.insert(websiteSettings).values({ workspaceId, allowedOrigins: [], updatedAt: now() }).onConflictDoNothing();
  // Only where no key is set yet: when two processes race on the first use, the first write wins
  // and both read it back, so no browser holds a subscription made with a discarded key.
  await db
    .update(websiteSettings)
    .set({ vapidPublicKey: fresh.publicKey, vapidPrivateKey: sealText(fresh.privateKey, boundTo(workspaceId)) })
    .where(and(eq(websiteSettings.workspaceId, workspaceId), isNull(websiteSettings.vapidPublicKey)));
  const kept = await readKeys(db, workspaceId);
  if (!kept) throw new Error(`VAPID keys of workspace ${workspaceId} could not be stored`);
  return kept;
}

const boundTo = (workspaceId: string) => `vapid:${workspaceId}`;

async function readKeys(db: DbOrTx, workspaceId: string): Promise<VapidKeys | null> {
  const [row] = await db
    .select({ publicKey: websiteSettings.vapidPublicKey, privateKey: websiteSettings.vapidPrivateKey })
    .from(websiteSettings)
    .where(eq(websiteSettings.workspaceId, workspaceId))
    .limit(1);
  if (!row?.publicKey || !row.privateKey) return null;
  const ring = keyringFromEnv();
  const privateKey = openText(row.privateKey, boundTo(workspaceId), ring);
  if (ring && !isSealedText(row.privateKey)) {
    await db
      .update(websiteSettings)
      .set({ vapidPrivateKey: sealText(privateKey, boundTo(workspaceId), ring) })
      .where(and(eq(websiteSettings.workspaceId, workspaceId), eq(websiteSettings.vapidPrivateKey, row.privateKey)));
  }
  return { publicKey: row.publicKey, privateKey };
}
