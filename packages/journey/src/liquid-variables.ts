// Finds the variables a Liquid template reads, without a full Liquid engine (the canvas bundle
// should stay small). Good enough to tell a marketer "{{ custmer.name }} is not a variable".

export type TemplateScan = {
  /** Root variable names read in `{{ }}` outputs and `{% if/unless/case/for ... %}` tags, with the full expression. */
  reads: { root: string; expression: string }[];
  /** Names the template defines itself (`assign`, `capture`, `for x in`). */
  defines: Set<string>;
  syntaxError: string | null;
  /** The same problem as a code, for texts in each language. */
  syntaxCode: 'outputNotClosed' | 'tagNotClosed' | null;
};

const KEYWORDS = new Set(['and', 'or', 'not', 'contains', 'in', 'true', 'false', 'nil', 'null', 'empty', 'blank', 'forloop', 'limit', 'offset', 'reversed', 'with', 'as', 'else', 'elsif', 'when', 'by']);
const IDENT = /(?<![\w.'"])([A-Za-z_][\w]*)(?:\.[\w]+|\[[^\]]*\])*/g;

function stripStrings(s: string): string {
  return s.replace(/'[^']*'|"[^"]*"/g, '""');
}

function readsIn(expression: string, out: TemplateScan['reads']): void {
  // Filters after `|` take arguments that may be variables too, but their names are not: drop the filter names.
  const parts = stripStrings(expression).split('|');
  parts.forEach((part, i) => {
    const body = i === 0 ? part : part.replace(/^\s*[\w]+\s*:?/, '');
    for (const m of body.matchAll(IDENT)) {
      const root = m[1]!;
      if (KEYWORDS.has(root) || /^\d/.test(root)) continue;
      out.push({ root, expression: m[0] });
    }
  });
}

// The canvas re-validates on every edit: most templates are unchanged between runs.
const cache = new Map<string, TemplateScan>();

/** Scans are cached by template text; treat the result as read-only. */
export function scanTemplate(template: string): TemplateScan {
  const hit = cache.get(template);
  if (hit) return hit;
  const scan = scanUncached(template);
  if (cache.size >= 5_000) cache.clear();
  cache.set(template, scan);
  return scan;
}

function scanUncached(template: string): TemplateScan {
  const scan: TemplateScan = { reads: [], defines: new Set(), syntaxError: null, syntaxCode: null };
  const opens = (template.match(/\{\{/g) ?? []).length;
  const closes = (template.match(/\}\}/g) ?? []).length;
  const tagOpens = (template.match(/\{%/g) ?? []).length;
  const tagCloses = (template.match(/%\}/g) ?? []).length;
  if (opens !== closes) {
    scan.syntaxError = 'A {{ is not closed with }} (or the other way round)';
    scan.syntaxCode = 'outputNotClosed';
  } else if (tagOpens !== tagCloses) {
    scan.syntaxError = 'A {% is not closed with %} (or the other way round)';
    scan.syntaxCode = 'tagNotClosed';
  }
  let raw = false;
  for (const m of template.matchAll(/\{\{-?([\s\S]*?)-?\}\}|\{%-?\s*(\w+)([\s\S]*?)-?%\}/g)) {
    if (m[2] === 'raw') raw = true;
    if (m[2] === 'endraw') raw = false;
    if (raw || m[2] === 'comment') continue;
    if (m[1] !== undefined) {
      readsIn(m[1], scan.reads);
      continue;
    }
    const tag = m[2] ?? '';
    const rest = m[3] ?? '';
    if (tag === 'assign') {
      const am = /^\s*([A-Za-z_]\w*)\s*=([\s\S]*)$/.exec(rest);
      if (am) {
        scan.defines.add(am[1]!);
        readsIn(am[2]!, scan.reads);
      }
    } else if (tag === 'capture') {
      const cm = /^\s*([A-Za-z_]\w*)/.exec(rest);
      if (cm) scan.defines.add(cm[1]!);
    } else if (tag === 'for' || tag === 'tablerow') {
      const fm = /^\s*([A-Za-z_]\w*)\s+in\s+([\s\S]*)$/.exec(rest);
      if (fm) {
        scan.defines.add(fm[1]!);
        readsIn(fm[2]!, scan.reads);
      }
    } else if (tag === 'if' || tag === 'elsif' || tag === 'unless' || tag === 'case' || tag === 'when') {
      readsIn(rest, scan.reads);
    }
  }
  return scan;
}

/** Variables every template sees (see the send-message runtime). */
export const BASE_TEMPLATE_VARIABLES = ['customer', 'entry', 'event', 'journey', 'now', 'unsubscribe_url'] as const;
