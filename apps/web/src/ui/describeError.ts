import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';

/** One readable sentence for any failure: the server's own message when it sent one. */
export function describeError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('errors.network');
    if (err.status === 401) return t('errors.unauthorized');
    if (err.status === 409) return t('errors.stale');
    if (err.status === 404) return `${t('errors.notFound')} (${err.message})`;
    return t('errors.generic', { message: err.message });
  }
  if (err instanceof Error) return t('errors.generic', { message: err.message });
  return t('errors.generic', { message: String(err) });
}
