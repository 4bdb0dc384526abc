// Team and housekeeping refusals in the user's language: the API's error code picks the sentence
// (its English message is the fallback), so a 409 about customers inside does not read as the
// generic "someone saved this draft".
import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';
import { describeError } from '../ui/describeError';

const KNOWN = ['customers_inside', 'stale_request', 'last_admin', 'email_taken', 'approval_required', 'forbidden', 'not_pending', 'stale_revision', 'invalid_request'];

export function teamError(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError) || err.status === 0 || err.status === 401) return describeError(err, t);
  if (KNOWN.includes(err.code)) {
    const details = Array.isArray(err.details) ? (err.details as { message?: unknown }[]) : [];
    const count = Number.parseInt(String(details[0]?.message ?? ''), 10);
    return t(`team.errors.${err.code}`, { count: Number.isNaN(count) ? '?' : count, message: err.message });
  }
  return t('team.errors.other', { message: err.message });
}
