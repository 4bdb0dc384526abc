// An ad-audience account's map from the audience names journeys use ("Quảng cáo 99k") to the
// platform's audience ids, as rows a marketer edits: read from the saved account, checked the way
// the API checks it, and turned back into the map the API stores.

/** One row of the editor; `key` only keeps React's rows stable while rows are removed. */
export type AudienceRow = { key: number; name: string; id: string };

export type AudienceRowProblem =
  | { row: number; field: 'name'; code: 'nameEmpty' | 'nameLong' }
  | { row: number; field: 'name'; code: 'nameTaken'; name: string; first: number }
  | { row: number; field: 'id'; code: 'idEmpty' }
  | { row: number; field: 'id'; code: 'idDigits'; id: string };

/** The API's limits (apps/api channel accounts): names up to 200 characters, at most 500 audiences. */
export const MAX_NAME_LENGTH = 200;
export const MAX_AUDIENCES = 500;
/**
 * Facebook Custom Audience ids and Google Ads user list ids are both numeric ids (Marketing API
 * "CustomAudience id", Google Ads "UserList.id" int64); the API accepts up to 32 digits.
 */
const AUDIENCE_ID = /^\d{1,32}$/;

/** The saved map as rows, in the order it was saved. Anything not a name → text id is left out. */
export function audienceRowsOf(saved: unknown, nextKey: () => number): AudienceRow[] {
  if (!saved || typeof saved !== 'object' || Array.isArray(saved)) return [];
  return Object.entries(saved as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, id]) => ({ key: nextKey(), name, id }));
}

/**
 * The map to save, or every problem by row (1-based, as the marketer counts). Names and ids are
 * trimmed: the journey's step trims the name it looks up, and a pasted id often brings spaces.
 * A row left entirely empty is ignored, so an "add" clicked once too often is no error.
 */
export function audienceMapOf(rows: readonly AudienceRow[]): { ok: true; map: Record<string, string> } | { ok: false; problems: AudienceRowProblem[]; tooMany: boolean } {
  const problems: AudienceRowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  const map: Record<string, string> = {};
  let count = 0;
  rows.forEach((r, i) => {
    const row = i + 1;
    const name = r.name.trim();
    const id = r.id.trim();
    if (name === '' && id === '') return;
    count++;
    if (name === '') problems.push({ row, field: 'name', code: 'nameEmpty' });
    else if (name.length > MAX_NAME_LENGTH) problems.push({ row, field: 'name', code: 'nameLong' });
    else {
      const first = firstRowOf.get(name);
      if (first !== undefined) problems.push({ row, field: 'name', code: 'nameTaken', name, first });
      else firstRowOf.set(name, row);
    }
    if (id === '') problems.push({ row, field: 'id', code: 'idEmpty' });
    else if (!AUDIENCE_ID.test(id)) problems.push({ row, field: 'id', code: 'idDigits', id });
    if (name !== '' && AUDIENCE_ID.test(id) && map[name] === undefined) map[name] = id;
  });
  const tooMany = count > MAX_AUDIENCES;
  return problems.length === 0 && !tooMany ? { ok: true, map } : { ok: false, problems, tooMany };
}
