// Reading and writing a workspace's provider accounts: secrets sealed on the way in, opened only
// for sending and checks, masked for anything shown.
import { and, channelAccounts, eq, ne, type DbOrTx } from '@braid/db';
import { SECRET_FIELDS, type AccountKind } from './account-kinds';
import { maskSecret, openSecrets, sealSecrets, type SecretKeyring } from './secret-box';

export type ChannelAccount = {
  kind: AccountKind;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  updatedAt: number;
  checkedAt: number | null;
  checkResult: { ok: boolean; message: string } | null;
};

/** What the API shows: the config, and for each secret only whether it is set and its last characters. */
export type MaskedAccount = Omit<ChannelAccount, 'secrets'> & { secrets: Record<string, { set: boolean; hint: string }> };

const boundTo = (workspaceId: string, kind: string) => `braid:channel-account:${workspaceId}:${kind}`;

export async function loadAccount(db: DbOrTx, ring: SecretKeyring, workspaceId: string, kind: AccountKind): Promise<ChannelAccount | null> {
  const [row] = await db.select().from(channelAccounts).where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.kind, kind))).limit(1);
  if (!row) return null;
  return {
    kind,
    config: row.config,
    secrets: row.secrets === '' ? {} : openSecrets(ring, row.secrets, boundTo(workspaceId, kind)),
    updatedAt: row.updatedAt,
    checkedAt: row.checkedAt ?? null,
    checkResult: row.checkResult ?? null,
  };
}

export async function listAccounts(db: DbOrTx, ring: SecretKeyring, workspaceId: string): Promise<ChannelAccount[]> {
  const rows = await db.select({ kind: channelAccounts.kind }).from(channelAccounts).where(eq(channelAccounts.workspaceId, workspaceId));
  const accounts = await Promise.all(rows.map((r) => loadAccount(db, ring, workspaceId, r.kind as AccountKind)));
  return accounts.filter((a): a is ChannelAccount => a !== null).sort((a, b) => a.kind.localeCompare(b.kind));
}

/**
 * Saves an account. A secret left out (undefined) keeps the stored value, so a form that shows
 * only masks can save the other fields; an empty string clears it.
 */
export async function saveAccount(
  db: DbOrTx,
  ring: SecretKeyring,
  input: { workspaceId: string; kind: AccountKind; config: Record<string, unknown>; secrets: Record<string, string | undefined>; now: number },
): Promise<ChannelAccount> {
  const previous = await loadAccount(db, ring, input.workspaceId, input.kind);
  const secrets: Record<string, string> = {};
  for (const field of SECRET_FIELDS[input.kind]) {
    const given = input.secrets[field];
    const value = given === undefined ? previous?.secrets[field] : given;
    if (value) secrets[field] = value;
  }
  const { sealed, keyId } = sealSecrets(ring, secrets, boundTo(input.workspaceId, input.kind));
  const row = { workspaceId: input.workspaceId, kind: input.kind, config: input.config, secrets: sealed, keyId, updatedAt: input.now, checkedAt: null, checkResult: null };
  await db
    .insert(channelAccounts)
    .values(row)
    .onConflictDoUpdate({ target: [channelAccounts.workspaceId, channelAccounts.kind], set: { config: row.config, secrets: sealed, keyId, updatedAt: input.now, checkedAt: null, checkResult: null } });
  return { kind: input.kind, config: input.config, secrets, updatedAt: input.now, checkedAt: null, checkResult: null };
}

export async function recordAccountCheck(db: DbOrTx, workspaceId: string, kind: AccountKind, result: { ok: boolean; message: string }, at: number): Promise<void> {
  await db.update(channelAccounts).set({ checkedAt: at, checkResult: result }).where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.kind, kind)));
}

export async function deleteAccount(db: DbOrTx, workspaceId: string, kind: AccountKind): Promise<boolean> {
  const gone = await db.delete(channelAccounts).where(and(eq(channelAccounts.workspaceId, workspaceId), eq(channelAccounts.kind, kind))).returning({ kind: channelAccounts.kind });
  return gone.length > 0;
}

export function maskAccount(account: ChannelAccount): MaskedAccount {
  const secrets: MaskedAccount['secrets'] = {};
  for (const field of SECRET_FIELDS[account.kind]) {
    const value = account.secrets[field];
    // A password's last characters help guess it; a token's help tell two tokens apart.
    secrets[field] = value ? { set: true, hint: field === 'pass' ? '••••' : maskSecret(value) } : { set: false, hint: '' };
  }
  return { ...account, secrets };
}

/** Re-seals every account not sealed with the current key (rotation); returns how many changed. */
export async function resealAccounts(db: DbOrTx, ring: SecretKeyring): Promise<number> {
  const rows = await db.select().from(channelAccounts).where(ne(channelAccounts.keyId, ring.current.id));
  for (const row of rows) {
    const bound = boundTo(row.workspaceId, row.kind);
    const secrets = row.secrets === '' ? {} : openSecrets(ring, row.secrets, bound);
    const { sealed, keyId } = sealSecrets(ring, secrets, bound);
    await db
      .update(channelAccounts)
      .set({ secrets: sealed, keyId })
      .where(and(eq(channelAccounts.workspaceId, row.workspaceId), eq(channelAccounts.kind, row.kind), eq(channelAccounts.keyId, row.keyId)));
  }
  return rows.length;
}
