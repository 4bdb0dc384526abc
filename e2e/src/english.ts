// "No visible UI string is English": every text the page shows (text nodes, the options of
// visible selects, placeholders) is compared with Braid's English UI strings (the web app's
// English catalogue and every node type's English texts) and with a short list of English
// words. User data (event names, property paths, Liquid, names typed by people) is removed first.
import type { Page } from 'playwright-core';
import { builtinNodeTypes } from '@braid/nodes';
import { nodeTypes as chatNodeTypes } from '@braid/node-notify-chat';
import { en } from '../../apps/web/src/i18n/en';
import { editorEn, editorVi } from '../../apps/web/src/i18n/editor';
import { vi } from '../../apps/web/src/i18n/vi';
import { teamEn, teamVi } from '../../apps/web/src/i18n/team';
import { testRunTextEn, testRunTextVi } from '../../apps/web/src/i18n/testRunTexts';

/** Words that only an English UI would show; user data is stripped before they are looked for. */
const ENGLISH_WORDS =
  /\b(the|and|with|your|step|steps|wait|send|when|after|until|customer|customers|journey|happened|timed out|entered|exited|queued|sent|delivered|opened|clicked|replied|failed|per day|hours|minutes|property|comparison|value|yes|no|next|add|remove|none|choose|select|template|trigger|problem|problems|outbox|preview)\b/i;

function collectPairs(a: unknown, b: unknown, out: Set<string>): void {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a !== b) out.add(a);
    return;
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return;
  for (const k of Object.keys(a)) collectPairs((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], out);
}

function collectLocalTexts(value: unknown, out: Set<string>, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const v = value as Record<string, unknown>;
  if (typeof v.vi === 'string' && typeof v.en === 'string') {
    if (v.vi !== v.en) out.add(v.en);
    return;
  }
  for (const k of Object.keys(v)) if (k !== 'configSchema') collectLocalTexts(v[k], out, seen);
}

/** English UI strings that differ from their Vietnamese version, as fragments worth matching. */
export function englishCatalogue(): string[] {
  const all = new Set<string>();
  collectPairs(en, vi, all);
  collectPairs(editorEn, editorVi, all);
  collectPairs(teamEn, teamVi, all);
  collectPairs(testRunTextEn, testRunTextVi, all);
  for (const t of [...builtinNodeTypes, ...chatNodeTypes]) {
    const parsed = t.parseConfig(t.defaultConfig);
    const ports = parsed.ok ? t.portsFor(parsed.config) : [];
    collectLocalTexts({ label: t.label, description: t.description, form: t.form, ports }, all);
  }
  const fragments = new Set<string>();
  for (const s of all) {
    // Interpolated strings: the literal pieces between placeholders.
    for (const piece of s.split(/\{\{[^}]*\}\}/)) {
      const p = piece.trim();
      if (p.length >= 8 || (p.length >= 4 && piece === s)) fragments.add(p);
    }
  }
  return [...fragments];
}

export type EnglishHit = { text: string; matched: string; where: string };

/**
 * English found in what `root` shows. `userData` are strings people typed or events sent, which
 * stay as they are in any language (event names, property paths, audience names).
 */
export async function findEnglish(page: Page, root: string, userData: readonly string[], catalogue: readonly string[]): Promise<EnglishHit[]> {
  const texts = await page.evaluate(`((root) => {
    const out = [];
    for (const base of document.querySelectorAll(root)) {
      const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = (n.textContent || '').trim();
        if (!el || !text) continue;
        const select = el.closest('select');
        const visible = select ? select.checkVisibility() : el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
        if (!visible || el.closest('script,style,textarea,[data-user-data]')) continue;
        out.push({ text, where: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') });
      }
      for (const input of base.querySelectorAll('input[placeholder],textarea[placeholder]')) {
        if (input.checkVisibility()) out.push({ text: input.getAttribute('placeholder'), where: 'placeholder' });
      }
    }
    return out;
  })(${JSON.stringify(root)})`) as { text: string; where: string }[];
  const hits: EnglishHit[] = [];
  const strip = (t: string) => {
    // Liquid, and the variable paths offered to insert into it (customer.firstName), are code.
    let s = t.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, ' ').replace(/\b[a-z]+(?:\.[A-Za-z_]\w*)+\b/g, ' ');
    for (const u of userData) s = s.split(u).join(' ');
    return s;
  };
  for (const { text, where } of texts) {
    const s = strip(text);
    const matched = catalogue.find((c) => (c.length < 8 ? s.trim() === c : s.includes(c))) ?? ENGLISH_WORDS.exec(s)?.[0];
    if (matched) hits.push({ text, matched, where });
  }
  return hits;
}
