// Why a Liquid template did not render, as a code and params a UI words in its own language.
// liquidjs reports in English ("undefined filter: vnđ, line:1, col:4"); the preview and the send
// read the same engine, so one reading of its messages serves both. Pure: the error is passed in.

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
