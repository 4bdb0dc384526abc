import type { AnyNodeType } from '@braid/sdk';
import { localText } from './localText';

/** A node type's name in the UI language; every node type declares both (see @braid/sdk LocalText). */
export function nodeLabel(type: AnyNodeType | undefined, fallback = ''): string {
  return type ? localText(type.label) : fallback;
}
