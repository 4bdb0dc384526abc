// Package entry (isomorphic). Braid's loader reads `nodeTypes` from here and
// `implementations` from `@braid/node-notify-chat/server`.
import type { AnyNodeType } from '@braid/sdk';
import { notifyChat } from './definition';

export { notifyChat };
export const nodeTypes: AnyNodeType[] = [notifyChat];
