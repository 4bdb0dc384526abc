// A new block of each type, and small list moves: the editor's pure parts.
import type { EmailBlock, EmailBlockType, EmailDesign } from '@braid/nodes';

export const EMPTY_DESIGN: EmailDesign = { blocks: [], preheader: '', fromName: '', fromAddress: '' };

export function newBlock(type: EmailBlockType): EmailBlock {
  switch (type) {
    case 'heading':
      return { type, text: 'Chào {{ customer.firstName }}' };
    case 'text':
      return { type, text: '' };
    case 'image':
      return { type, src: '', alt: '', href: '' };
    case 'button':
      return { type, text: 'Mua ngay', href: 'https://' };
    case 'divider':
      return { type };
    case 'voucher':
      return { type, title: '', code: '{{ voucher.code }}' };
    case 'products':
      return { type, source: 'entry.properties.items', title: '' };
  }
}

/** The design a step holds, or an empty one for a step saved before blocks existed. */
export function designOf(value: unknown): EmailDesign {
  if (!value || typeof value !== 'object') return EMPTY_DESIGN;
  const v = value as Partial<EmailDesign>;
  return {
    blocks: Array.isArray(v.blocks) ? v.blocks : [],
    preheader: typeof v.preheader === 'string' ? v.preheader : '',
    fromName: typeof v.fromName === 'string' ? v.fromName : '',
    fromAddress: typeof v.fromAddress === 'string' ? v.fromAddress : '',
  };
}

export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
