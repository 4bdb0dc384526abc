// Who a message on each channel goes to. One explicit rule per channel, so "why did nobody get
// this Zalo message?" has one answer: the customer has no address the channel can use.
import { and, customerIdentities, eq, inArray, pushSubscriptions } from '@braid/db';
import type { ActivityDeps, EffectContext } from './deps';

export type Recipient = {
  /** The address handed to the channel adapter. */
  to: string;
  /** The customer's phone, for channels that reach a phone besides their own id (Zalo ZNS). */
  phone?: string;
};

/** Identity types (first found wins) and the trait used when no identity is known. */
type Rule = { identities: string[]; traits: string[] };

const RULES: Record<string, Rule> = {
  email: { identities: ['email'], traits: ['email'] },
  sms: { identities: ['phone'], traits: ['phone'] },
  messenger: { identities: ['facebook_psid'], traits: ['facebook_psid', 'facebookPsid'] },
  // Zalo OA messages go to the follower's Zalo user id; ZNS templates go to the phone.
  zalo: { identities: ['zalo_id'], traits: ['zalo_id', 'zaloId'] },
  push: { identities: ['push_token'], traits: ['push_token'] },
};

/** The address recorded for a push that goes to the customer's browsers (Web Push). */
export const WEB_PUSH_RECIPIENT = 'web-push';

async function hasWebPushSubscription(deps: ActivityDeps, ctx: EffectContext): Promise<boolean> {
  const [row] = await deps.db
    .select({ endpoint: pushSubscriptions.endpoint })
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.workspaceId, ctx.workspaceId), eq(pushSubscriptions.customerId, ctx.customerId)))
    .limit(1);
  return row !== undefined;
}

/** What a channel needs, in the marketer's words, for the "no address" reason. */
export function addressNeeded(channel: string): string {
  if (channel === 'zalo') return 'zalo_id or phone';
  if (channel === 'push') return 'push_token or browser notification subscription';
  return RULES[channel]?.identities.join(' or ') ?? channel;
}

/** The identity types a send on `channel` may go to (read with the send's other facts). */
export function identityTypesFor(channel: string): string[] {
  const rule = RULES[channel];
  if (!rule) return [];
  return channel === 'zalo' ? [...rule.identities, 'phone'] : rule.identities;
}

export type IdentityRow = { type: string; value: string };

export async function recipientFor(deps: ActivityDeps, ctx: EffectContext, channel: string, known?: readonly IdentityRow[]): Promise<Recipient | null> {
  if (channel === 'web') return { to: ctx.customerId };
  const rule = RULES[channel];
  if (!rule) return null;
  const rows = known ?? (await deps.db
    .select({ type: customerIdentities.type, value: customerIdentities.value })
    .from(customerIdentities)
    .where(
      and(
        eq(customerIdentities.workspaceId, ctx.workspaceId),
        eq(customerIdentities.customerId, ctx.customerId),
        inArray(customerIdentities.type, identityTypesFor(channel)),
      ),
    ));
  const pick = (identityTypes: string[], traitNames: string[]): string | null => {
    for (const type of identityTypes) {
      const found = rows.find((r) => r.type === type && r.value);
      if (found) return found.value;
    }
    for (const name of traitNames) {
      const trait = ctx.traits[name];
      if (typeof trait === 'string' && trait.trim()) return trait.trim();
    }
    return null;
  };
  const address = pick(rule.identities, rule.traits);
  // Web Push reaches every browser the customer allowed notifications in; the adapter finds them.
  if (channel === 'push' && !address) return (await hasWebPushSubscription(deps, ctx)) ? { to: WEB_PUSH_RECIPIENT } : null;
  if (channel !== 'zalo') return address ? { to: address } : null;
  const phone = pick(['phone'], ['phone']);
  if (address) return phone ? { to: address, phone } : { to: address };
  // No Zalo id: ZNS reaches the customer by phone.
  return phone ? { to: phone, phone } : null;
}
