// Package entry (isomorphic). Braid's loader reads `nodeTypes` from here and `implementations`
// from `__PACKAGE_NAME__/server`.
import type { AnyNodeType } from '@braid/sdk';
import { __NODE_TYPE_CONST__ } from './definition.js';

export { __NODE_TYPE_CONST__ };
export const nodeTypes: AnyNodeType[] = [__NODE_TYPE_CONST__];
