// Keeps `loyalty_points` current as events arrive, before journeys see them: a thank-you sent
// because of an order already shows the points that order earned.
import type { Db } from '@braid/db';
import type { IngestedEvent } from '../ingest/store';
import { refreshLoyaltyBalance } from './balance';

/** Orders change the balance; an identify or alias may have merged in a profile that had orders. */
const CHANGES_BALANCE = new Set(['Order Completed', 'Order Cancelled']);

function touchesBalance(e: IngestedEvent): boolean {
  if (e.event.type === 'identify' || e.event.type === 'alias') return true;
  return e.event.type === 'track' && CHANGES_BALANCE.has(String(e.event.name));
}

export function withLoyaltyBalance(db: Db, next?: (events: IngestedEvent[]) => Promise<void> | void) {
  return async (events: IngestedEvent[]): Promise<void> => {
    const customers = new Map<string, string>();
    for (const e of events) if (touchesBalance(e)) customers.set(e.customerId, e.workspaceId);
    for (const [customerId, workspaceId] of customers) {
      try {
        await refreshLoyaltyBalance(db, workspaceId, customerId);
      } catch (error) {
        // Never in the way of routing: the next order recomputes the balance from all of them.
        console.error('[loyalty] refreshing the balance failed', error);
      }
    }
    await next?.(events);
  };
}
