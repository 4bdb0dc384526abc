// Each workspace signs its web push requests with its own VAPID key pair (RFC 8292), made the
// first time anything needs it: the snippet asking for the public key, or the first push send.
import { and, eq, isNull, websiteSettings, type DbOrTx } from '@braid/db';
import webpush from 'web-push';

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
    .set({ vapidPublicKey: fresh.publicKey, vapidPrivateKey: fresh.privateKey })
    .where(and(eq(websiteSettings.workspaceId, workspaceId), isNull(websiteSettings.vapidPublicKey)));
  const kept = await readKeys(db, workspaceId);
  if (!kept) throw new Error(`VAPID keys of workspace ${workspaceId} could not be stored`);
  return kept;
}

async function readKeys(db: DbOrTx, workspaceId: string): Promise<VapidKeys | null> {
  const [row] = await db
    .select({ publicKey: websiteSettings.vapidPublicKey, privateKey: websiteSettings.vapidPrivateKey })
    .from(websiteSettings)
    .where(eq(websiteSettings.workspaceId, workspaceId))
    .limit(1);
  return row?.publicKey && row.privateKey ? { publicKey: row.publicKey, privateKey: row.privateKey } : null;
}
