// A readable sentence for a failed customer action: our own words for the refusals a marketer
// can meet here (an automatic merge cannot be split), the shared wording otherwise.
import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';
import { describeError } from '../ui/describeError';

export function describeCustomerError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    const known = t(`customers.errorCode.${err.code}`, { defaultValue: '' });
    if (known) return known;
    // The shared 409 wording speaks of drafts; here the server's sentence is the clearer one.
    if (err.status === 409 || err.status === 400) return t('errors.generic', { message: err.message });
  }
  return describeError(err, t);
}
