// MJML → responsive HTML, then Liquid per customer with customer data escaped. MJML compiles once
// per design (cached by its source): the per-customer cost is the Liquid render alone.
// The published @types/mjml describe mjml 5; consumers compiling this file need the local mjml 4 types too.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./mjml.d.ts" />
import mjml2html from 'mjml';
import { renderMessage, type RenderOptions, type TemplateData } from '../render/render-message';

export class EmailDesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailDesignError';
  }
}

const compiled = new Map<string, string>();
const CACHE_LIMIT = 200;

/** The HTML MJML makes of `source`, Liquid still in it. Invalid MJML throws an EmailDesignError naming the problem. */
export function compileMjml(source: string): string {
  const hit = compiled.get(source);
  if (hit !== undefined) return hit;
  let result: ReturnType<typeof mjml2html>;
  try {
    result = mjml2html(source, { validationLevel: 'strict', keepComments: false });
  } catch (error) {
    throw new EmailDesignError(`email design: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
  compiled.set(source, result.html);
  return result.html;
}

export type RenderedEmail = { html: string; text: string; missingVariables: string[] };

/**
 * One customer's email from MJML (with Liquid) and its plain-text Liquid: the HTML escapes every
 * output (a trait like `<script>` arrives as text), the text part is rendered as written.
 */
export async function renderEmailDesign(mjmlSource: string, textSource: string, data: TemplateData, options: RenderOptions = {}): Promise<RenderedEmail> {
  const html = compileMjml(mjmlSource);
  const rendered = await renderMessage({ body: textSource, html }, data, options);
  return { html: rendered.html ?? '', text: rendered.body, missingVariables: rendered.missingVariables };
}
