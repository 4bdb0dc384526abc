// An email written with blocks (heading, text, image, button, divider, voucher, product list):
// the step stores the blocks, and they become MJML (compiled to responsive HTML on the server)
// and a plain-text part. Texts are Liquid; customer data is escaped when the HTML is rendered.
// Isomorphic: no Node, DB or React imports, so the panel and the worker build the same MJML.
import { errorText } from '@braid/sdk';
import { z } from 'zod';

const liquid = z.string().max(20_000);
const link = z.string().trim().max(2_000);

export const emailBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: liquid }),
  z.object({ type: z.literal('text'), text: liquid }),
  z.object({ type: z.literal('image'), src: link, alt: z.string().max(500).default(''), href: link.default('') }),
  z.object({ type: z.literal('button'), text: liquid, href: link }),
  z.object({ type: z.literal('divider') }),
  // The code is usually `{{ voucher.code }}` from an earlier "issue voucher" step.
  z.object({ type: z.literal('voucher'), title: liquid.default(''), code: liquid }),
  // `source` names a list in the message data (e.g. entry.properties.items); each item has name, price, image, url.
  z.object({ type: z.literal('products'), source: z.string().trim().regex(/^[A-Za-z_][\w.]*$/, errorText({ vi: 'Một biến như entry.properties.items', en: 'A variable like entry.properties.items' })), title: liquid.default('') }),
]);
export type EmailBlock = z.output<typeof emailBlock>;
export type EmailBlockType = EmailBlock['type'];
export const EMAIL_BLOCK_TYPES: readonly EmailBlockType[] = ['heading', 'text', 'image', 'button', 'divider', 'voucher', 'products'];

export const emailDesign = z.object({
  blocks: z.array(emailBlock).max(100).default([]),
  /** The line mail apps show after the subject. */
  preheader: z.string().max(300).default(''),
  fromName: z.string().max(100).default(''),
  fromAddress: z.union([z.literal(''), z.email(errorText({ vi: 'Một địa chỉ như xin-chao@shop.vn', en: 'An address like hello@shop.vn' }))]).default(''),
});
export type EmailDesign = z.output<typeof emailDesign>;

/** A design with blocks replaces the plain body's HTML; a step without blocks keeps its plain body. */
export const usesBlocks = (design: EmailDesign | undefined | null): design is EmailDesign => !!design && design.blocks.length > 0;

/** Attribute values: Liquid stays (it renders later, escaped), quotes and angle brackets cannot break out. */
const attr = (value: string) => value.replace(/&(?![#\w]+;)/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Texts may carry simple line breaks; everything else is the marketer's Liquid. */
const lines = (value: string) => value.replace(/\r?\n/g, '<br/>');
const BRAND = '#b4232a';

function blockToMjml(block: EmailBlock): string {
  switch (block.type) {
    case 'heading':
      return `<mj-text font-size="24px" font-weight="700" line-height="1.3">${lines(block.text)}</mj-text>`;
    case 'text':
      return `<mj-text font-size="16px" line-height="1.6">${lines(block.text)}</mj-text>`;
    case 'image': {
      const href = block.href ? ` href="${attr(block.href)}"` : '';
      return `<mj-image src="${attr(block.src)}" alt="${attr(block.alt)}"${href} />`;
    }
    case 'button':
      return `<mj-button href="${attr(block.href)}" background-color="${BRAND}" font-size="16px" border-radius="6px">${block.text}</mj-button>`;
    case 'divider':
      return '<mj-divider border-width="1px" border-color="#dddddd" />';
    case 'voucher':
      return [
        block.title ? `<mj-text align="center" font-size="16px">${lines(block.title)}</mj-text>` : '',
        `<mj-text align="center" font-size="26px" font-weight="700" letter-spacing="2px" container-background-color="#fff4e5" padding="16px" css-class="braid-voucher">${block.code}</mj-text>`,
      ].join('');
    case 'products':
      // One table row per item; the loop is Liquid so the list is the customer's own.
      return [
        block.title ? `<mj-text font-size="18px" font-weight="700">${lines(block.title)}</mj-text>` : '',
        `<mj-table>{% for item in ${block.source} limit: 12 %}<tr>`,
        '<td style="padding:6px 0;width:72px">{% if item.image %}<img src="{{ item.image }}" alt="" width="64" style="display:block;border-radius:4px"/>{% endif %}</td>',
        '<td style="padding:6px 8px">{% if item.url %}<a href="{{ item.url }}">{{ item.name }}</a>{% else %}{{ item.name }}{% endif %}</td>',
        '<td style="padding:6px 0;text-align:right;white-space:nowrap">{% if item.price %}{{ item.price | vnd }}{% endif %}</td>',
        '</tr>{% endfor %}</mj-table>',
      ].join('');
  }
}

/** The MJML of a design. Liquid is left in place: it renders per customer after MJML compiles. */
export function designToMjml(design: EmailDesign, subject = ''): string {
  const head = [
    subject ? `<mj-title>${subject}</mj-title>` : '',
    design.preheader ? `<mj-preview>${design.preheader}</mj-preview>` : '',
    '<mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /><mj-text color="#222222" /></mj-attributes>',
  ].join('');
  const body = design.blocks.map(blockToMjml).join('\n');
  return `<mjml><mj-head>${head}</mj-head><mj-body background-color="#f4f4f4"><mj-section background-color="#ffffff" padding="24px 16px"><mj-column>\n${body}\n</mj-column></mj-section></mj-body></mjml>`;
}

/** The plain-text part, as Liquid (rendered unescaped like any text body). */
export function designToText(design: EmailDesign): string {
  const parts = design.blocks.map((block): string => {
    switch (block.type) {
      case 'heading':
      case 'text':
        return block.text;
      case 'image':
        return block.alt ? `[${block.alt}]${block.href ? ` ${block.href}` : ''}` : '';
      case 'button':
        return `${block.text}: ${block.href}`;
      case 'divider':
        return '----------';
      case 'voucher':
        return [block.title, block.code].filter(Boolean).join('\n');
      case 'products':
        return `${block.title ? `${block.title}\n` : ''}{% for item in ${block.source} limit: 12 %}- {{ item.name }}{% if item.price %}: {{ item.price | vnd }}{% endif %}{% if item.url %} {{ item.url }}{% endif %}\n{% endfor %}`;
    }
  });
  const text = parts.filter((p) => p !== '').join('\n\n');
  return design.preheader ? `${design.preheader}\n\n${text}` : text;
}
