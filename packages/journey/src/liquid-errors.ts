// Why a Liquid template did not render, as a code and params a UI words in its own language.
// liquidjs reports in English ("undefined filter: vnđ, line:1, col:4"); the preview and the send
// read the same engine, so one reading of its messages serves both. Pure: the error is passed in.
import type { LocalText } from '@braid/sdk';

export type LiquidProblemCode =
  | 'unknownFilter'
  | 'unknownTag'
  | 'outputNotClosed'
  | 'tagNotClosed'
  | 'filterArguments'
  | 'tooLong'
  | 'tooSlow'
  | 'tooMuchMemory'
  | 'syntax';

export type LiquidProblem = {
  code: LiquidProblemCode;
  /** `name` (filter or tag), `tag` (the unclosed tag as written), `line`, `col` when liquidjs gave them. */
  params: Record<string, string>;
  /** liquidjs's own words, for logs. */
  message: string;
};

const RULES: [RegExp, LiquidProblemCode, string?][] = [
  [/^undefined filter: ([^,\s]+)/, 'unknownFilter', 'name'],
  [/^tag "([^"]+)" not found/, 'unknownTag', 'name'],
  [/^output .* not closed/, 'outputNotClosed'],
  [/^tag (\{%-?\s*\S+[\s\S]*?%\}) not closed/, 'tagNotClosed', 'tag'],
  [/^(\S+) expect(?:s)? \d+ arguments?/, 'filterArguments', 'name'],
  [/parse length limit exceeded/, 'tooLong'],
  [/render(?:ing)? limit exceeded/, 'tooSlow'],
  [/memory alloc limit exceeded/, 'tooMuchMemory'],
];

export function liquidProblemOf(error: unknown): LiquidProblem {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] ?? '';
  const params: Record<string, string> = {};
  const at = /line:(\d+), col:(\d+)/.exec(first);
  if (at) {
    params.line = at[1]!;
    params.col = at[2]!;
  }
  for (const [pattern, code, param] of RULES) {
    const m = pattern.exec(first);
    if (!m) continue;
    if (param && m[1]) params[param] = param === 'tag' ? m[1].slice(0, 80) : m[1];
    return { code, params, message };
  }
  return { code: 'syntax', params, message };
}

type Words = Record<LiquidProblemCode | 'at', (p: Record<string, string>) => string>;

const VI: Words = {
  unknownFilter: (p) => `Không có bộ lọc “${p.name ?? ''}”: kiểm tra chính tả (vd. vnd, upcase, default)`,
  unknownTag: (p) => `Không có thẻ “${p.name ?? ''}” (hoặc thiếu thẻ mở): kiểm tra chính tả`,
  outputNotClosed: () => 'Có {{ chưa đóng bằng }}',
  tagNotClosed: (p) => `${p.tag ?? ''} chưa được đóng: thêm thẻ kết thúc`,
  filterArguments: (p) => `Bộ lọc “${p.name ?? ''}” thiếu giá trị sau dấu hai chấm`,
  tooLong: () => 'Mẫu quá dài để xem trước',
  tooSlow: () => 'Mẫu hiển thị quá lâu (vòng lặp quá lớn?)',
  tooMuchMemory: () => 'Mẫu tạo ra quá nhiều chữ (vòng lặp quá lớn?)',
  syntax: () => 'Mẫu viết sai cú pháp Liquid',
  at: (p) => `dòng ${p.line ?? ''}, cột ${p.col ?? ''}`,
};

const EN: Words = {
  unknownFilter: (p) => `There is no filter “${p.name ?? ''}”: check its spelling (e.g. vnd, upcase, default)`,
  unknownTag: (p) => `There is no tag “${p.name ?? ''}” (or it has no opening tag): check its spelling`,
  outputNotClosed: () => 'A {{ is not closed with }}',
  tagNotClosed: (p) => `${p.tag ?? ''} is not closed: add its end tag`,
  filterArguments: (p) => `The filter “${p.name ?? ''}” is missing a value after its colon`,
  tooLong: () => 'The template is too long to preview',
  tooSlow: () => 'The template takes too long to render (a loop too large?)',
  tooMuchMemory: () => 'The template builds too much text (a loop too large?)',
  syntax: () => 'The template is not valid Liquid',
  at: (p) => `line ${p.line ?? ''}, column ${p.col ?? ''}`,
};

function say(words: Words, problem: LiquidProblem): string {
  const p = problem.params;
  const text = words[problem.code](p);
  return p.line && p.col ? `${text} (${words.at(p)})` : text;
}

/** The problem in Vietnamese and English, with where it is when liquidjs said so: the editor's preview and the publish check word it alike. */
export function liquidProblemText(problem: LiquidProblem): LocalText {
  return { vi: say(VI, problem), en: say(EN, problem) };
}
