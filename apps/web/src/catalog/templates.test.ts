// Every template reads in Vietnamese and in English: each step has its own name in both, each
// message, exit reason and staff task is translated, and the localized journey still validates.
import { validate } from '@braid/journey';
import { journeyTemplates as coreTemplates } from '@braid/journey/fixtures';
import { builtinRegistry, smsCost, stripDiacritics } from '@braid/nodes';
import { languages } from '@braid/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { setRegistry } from './registry';
import { journeyTemplates, templateTexts } from './templates';

const TEXT_FIELDS = ['reason', 'subject', 'body', 'title', 'note'];

beforeAll(() => setRegistry(builtinRegistry));

describe('templates in every UI language', () => {
  it('has texts for each of the eight templates', () => {
    expect(coreTemplates.map((t) => t.id).sort()).toEqual(Object.keys(templateTexts).sort());
    expect(coreTemplates).toHaveLength(8);
  });

  for (const core of coreTemplates) {
    describe(core.id, () => {
      const texts = templateTexts[core.id]!;

      it('names every step, differently in each language when the words differ, and never twice', () => {
        for (const n of core.graph.nodes) {
          const name = texts.steps[n.id];
          expect(name, `${core.id}/${n.id} has no step name`).toBeDefined();
          for (const lang of languages) expect(name![lang].trim(), `${core.id}/${n.id} ${lang}`).not.toBe('');
        }
        expect(Object.keys(texts.steps).sort()).toEqual(core.graph.nodes.map((n) => n.id).sort());
        for (const lang of languages) {
          const names = Object.values(texts.steps).map((s) => s[lang]);
          expect(new Set(names).size, `${core.id} ${lang} repeats a step name`).toBe(names.length);
        }
      });

      it('translates every message, exit reason and task the template writes', () => {
        for (const n of core.graph.nodes) {
          const config = n.config as Record<string, unknown>;
          for (const field of TEXT_FIELDS) {
            if (typeof config[field] !== 'string') continue;
            expect(texts.fields[n.id]?.[field], `${core.id}/${n.id}.${field} is not translated`).toBeDefined();
          }
        }
        // Nothing translated that the template no longer has.
        for (const [id, fields] of Object.entries(texts.fields)) {
          const config = core.graph.nodes.find((n) => n.id === id)?.config as Record<string, unknown> | undefined;
          expect(config, `${core.id}: no step ${id}`).toBeDefined();
          for (const f of Object.keys(fields)) expect(typeof config?.[f], `${core.id}/${id}.${f}`).toBe('string');
        }
      });

      for (const lang of languages) {
        it(`opens in ${lang} with its names and texts, and still validates`, () => {
          const t = journeyTemplates(lang).find((x) => x.id === core.id)!;
          expect(t.name).toBe(texts.name[lang]);
          expect(t.description).toBe(texts.description[lang]);
          for (const n of t.graph.nodes) expect(n.label).toBe(texts.steps[n.id]![lang]);
          for (const [id, fields] of Object.entries(texts.fields)) {
            const config = t.graph.nodes.find((n) => n.id === id)!.config as Record<string, unknown>;
            for (const [f, text] of Object.entries(fields)) expect(config[f]).toBe(text[lang]);
          }
          expect(validate(t.graph, builtinRegistry)).toEqual([]);
        });
      }
    });
  }

  it('says of every SMS step whether it is advertising (Decree 91) or customer care', () => {
    const sms = coreTemplates.flatMap((t) => t.graph.nodes.filter((n) => n.type === 'send-message' && (n.config as { channel?: unknown }).channel === 'sms').map((n) => [t.id, n.id, (n.config as { smsPurpose?: unknown }).smsPurpose]));
    expect(sms).toEqual([
      ['hoa-ban-food', 'showroom-sms', 'advertising'],
      ['win-back', 'winback-sms', 'advertising'],
    ]);
  });

  it('the showroom invitation tells how to refuse ads and, with the [QC] mark it is sent with, still fits one GSM-7 SMS in each language', () => {
    // A long first name and the longest district the journey invites from.
    const customer = { firstName: 'Nguyệt', address: { district: 'Hai Bà Trưng' } };
    for (const lang of languages) {
      const node = journeyTemplates(lang).find((t) => t.id === 'hoa-ban-food')!.graph.nodes.find((n) => n.id === 'showroom-sms')!;
      const config = node.config as { body: string; smsStripDiacritics: boolean };
      expect(config.smsStripDiacritics).toBe(true);
      const body = config.body.replace('{{ customer.firstName }}', customer.firstName).replace('{{ customer.address.district }}', customer.address.district);
      expect(body, lang).not.toContain('{{');
      // Decree 91/2020: the policy puts "[QC] " in front of every advertising SMS at send time.
      const sent = `[QC] ${stripDiacritics(body)}`;
      expect(smsCost(sent), `${lang}: ${sent}`).toMatchObject({ encoding: 'GSM-7', segments: 1 });
      expect(sent).toMatch(lang === 'vi' ? /Tu choi: nhan HUY$/ : /Opt out: STOP$/);
    }
  });

  it('follows the UI language: English names differ from the Vietnamese ones', () => {
    const vi = journeyTemplates('vi').find((t) => t.id === 'hoa-ban-food')!;
    const en = journeyTemplates('en').find((t) => t.id === 'hoa-ban-food')!;
    expect(vi.graph.nodes.find((n) => n.id === 'exit-not-local')?.config).toMatchObject({ reason: 'Không ở gần showroom' });
    expect(en.graph.nodes.find((n) => n.id === 'exit-not-local')?.config).toMatchObject({ reason: 'Not near the showroom' });
    expect(vi.name).not.toBe(en.name);
  });
});
