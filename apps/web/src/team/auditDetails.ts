// One line of details per audit entry, from the fields each action records (versions, notes,
// comments, roles, emails); the words around them come from the translations.
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../api/team';
import '../versions/migrationTexts';

const text = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function auditDetails(entry: AuditEntry, t: TFunction): string {
  const d = entry.details;
  const parts: string[] = [];
  if (typeof d.version === 'number') parts.push(`v${d.version}`);
  if (typeof d.restored === 'number') parts.push(`← v${d.restored}`);
  if (typeof d.revision === 'number') parts.push(`#${d.revision}`);
  if (typeof d.email === 'string') parts.push(d.email);
  if (typeof d.from === 'string' && typeof d.to === 'string') {
    const word = (r: string) => (entry.action === 'user.role_changed' ? t(`team.roles.${r}`) : r);
    parts.push(`${word(d.from)} → ${word(d.to)}`);
  } else if (typeof d.role === 'string') parts.push(t(`team.roles.${d.role}`));
  if (entry.action === 'journey.updated' || entry.action === 'workspace.updated') {
    for (const [k, change] of Object.entries(d)) {
      const c = change as { from?: unknown; to?: unknown };
      parts.push(`${k}: ${text(c.from)} → ${text(c.to)}`);
    }
  }
  if (typeof d.name === 'string' && entry.action !== 'journey.updated') parts.push(`“${d.name}”`);
  // A migration: per moving version, how many of its waiting steps were mapped onto the new one.
  if (entry.action === 'journey.migrated' && d.plan && typeof d.plan === 'object') {
    for (const [from, steps] of Object.entries(d.plan as Record<string, Record<string, string>>)) parts.push(t('migration.audit', { from, to: d.version, steps: Object.keys(steps).length }));
  }
  const requested = d.migration as { versions?: { version: number; action: string; steps: Record<string, string> }[] } | undefined;
  for (const v of requested?.versions ?? []) if (v.action === 'move') parts.push(t('migration.auditRequested', { from: v.version, steps: Object.keys(v.steps).length }));
  for (const key of ['note', 'comment'] as const) if (typeof d[key] === 'string' && d[key]) parts.push(`“${d[key] as string}”`);
  return parts.join(' · ');
}
