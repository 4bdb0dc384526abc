import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';
import { describeError } from '../ui/describeError';

/**
 * Publishing and rolling back have their own 409s: another version went live meanwhile, or the
 * journey was archived. Neither is the stale-draft case the generic 409 text describes.
 */
export function describePublishError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError && err.code === 'publish_conflict') return t('review.conflict');
  if (err instanceof ApiError && err.code === 'archived') return t('review.archived');
  return describeError(err, t);
}
