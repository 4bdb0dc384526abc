import { and, eq, znsTemplates, type DbOrTx } from '@braid/db';

export type ZnsTemplate = typeof znsTemplates.$inferSelect;

/** A workspace's registered ZNS template by Zalo's template id; null when it was never registered. */
export async function findZnsTemplate(db: DbOrTx, workspaceId: string, templateId: string): Promise<ZnsTemplate | null> {
  const [row] = await db
    .select()
    .from(znsTemplates)
    .where(and(eq(znsTemplates.workspaceId, workspaceId), eq(znsTemplates.templateId, templateId)))
    .limit(1);
  return row ?? null;
}
