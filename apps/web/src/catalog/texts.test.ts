// Every text a node type shows, in both UI languages: names, descriptions, form labels, help,
// placeholders, options, port labels, and the card summary of each template step and of each
// type's starting settings. A missing or empty translation fails here.
import { journeyTemplates as coreTemplates } from '@braid/journey/fixtures';
import { builtinNodeTypes } from '@braid/nodes';
import { nodeTypes as chatNodeTypes } from '@braid/node-notify-chat';
import { languages } from '@braid/sdk';
import type { AnyNodeType, LocalText } from '@braid/sdk';
import { describe, expect, it } from 'vitest';
import { editorEn, editorVi } from '../i18n/editor';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';

const all: readonly AnyNodeType[] = [...builtinNodeTypes, ...chatNodeTypes];

function filled(text: LocalText | undefined, where: string): void {
  expect(text, where).toBeDefined();
  for (const lang of languages) expect(text![lang]?.trim(), `${where} (${lang})`).toBeTruthy();
}

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('node type texts in Vietnamese and English', () => {
  for (const type of all) {
    it(`${type.id}: every label, help, option and port`, () => {
      filled(type.label, `${type.id} label`);
      filled(type.description, `${type.id} description`);
      for (const [field, hint] of Object.entries(type.form as Record<string, { label: LocalText; help?: LocalText; placeholder?: LocalText; options?: { label: LocalText }[] } | undefined>)) {
        if (!hint) continue;
        filled(hint.label, `${type.id}.${field} label`);
        if (hint.help) filled(hint.help, `${type.id}.${field} help`);
        if (hint.placeholder) filled(hint.placeholder, `${type.id}.${field} placeholder`);
        for (const [i, o] of (hint.options ?? []).entries()) filled(o.label, `${type.id}.${field} option ${i}`);
      }
      const parsed = type.parseConfig(type.defaultConfig);
      if (parsed.ok) {
        for (const p of type.portsFor(parsed.config)) filled(p.label, `${type.id} port ${p.id}`);
        filled(type.summary(parsed.config), `${type.id} summary of its starting settings`);
      }
    });
  }

  it('summarises every template step in both languages, differently where words differ', () => {
    for (const template of coreTemplates) {
      for (const node of template.graph.nodes) {
        const type = all.find((t) => t.id === node.type)!;
        const parsed = type.upgradeConfig(node.typeVersion, node.config);
        expect(parsed.ok, `${template.id}/${node.id}`).toBe(true);
        if (!parsed.ok) continue;
        const summary = type.summary(parsed.config);
        filled(summary, `${template.id}/${node.id} summary`);
        // A summary is a sentence; the same sentence in both languages means English leaked into Vietnamese.
        expect(summary.vi, `${template.id}/${node.id}: "${summary.en}"`).not.toBe(summary.en);
      }
    }
  });

  it('has the editor’s own words in both languages, key for key', () => {
    expect(keysOf(editorVi).sort()).toEqual(keysOf(editorEn).sort());
    expect(keysOf(vi).sort()).toEqual(keysOf(en).sort());
    for (const k of keysOf(editorVi)) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], editorVi), k).toBeTruthy();
  });
});
