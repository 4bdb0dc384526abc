import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { ApiError } from '../api/http';

function fieldsOf(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details
    .map((d) => (typeof d === 'object' && d !== null && typeof (d as { field?: unknown }).field === 'string' ? (d as { field: string }).field : null))
    .filter((f): f is string => !!f && f !== 'graph')
    .slice(0, 3);
}

/**
 * One readable sentence for any failure, in the UI language. The server answers in English with
 * a stable code: known codes are worded here; an unknown one falls back to the server's words.
 */
export function describeError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('errors.network');
    if (err.status === 401) return t('errors.unauthorized');
    const key = `editorText.apiError.${err.code}`;
    if (i18next.exists(key)) {
      const fields = err.code === 'invalid_request' || err.code === 'invalid_body' ? fieldsOf(err.details) : [];
      return fields.length ? `${t(key)} ${t('editorText.apiField', { fields: fields.join(', ') })}` : t(key);
    }
    if (err.status === 409) return t('errors.stale');
    if (err.status === 404) return t('errors.notFound');
    return t('errors.generic', { message: err.message });
  }
  if (err instanceof Error) return t('errors.generic', { message: err.message });
  return t('errors.generic', { message: String(err) });
}
