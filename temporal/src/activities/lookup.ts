// Answers for branch conditions that need data the pure interpreter does not hold.
import type { Json } from '@braid/sdk';
import type { ActivityDeps, EffectContext } from './deps';

export async function lookup(_deps: ActivityDeps, _ctx: EffectContext, _condition: Json): Promise<{ ok: true; output?: Json } | { ok: false; error: string }> {
  return { ok: false, error: 'lookup not implemented yet' };
}
