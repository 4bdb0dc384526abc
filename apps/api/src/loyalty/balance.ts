// The loyalty balance (the Starbucks card of SCENARIO §5): points earned on every order the
// customer completed, in the showroom (POS) or online (a shop's webhook, /v1/track), less the
// orders cancelled since. It is kept as the trait `loyalty_points`, so `{{ customer.loyalty_points }}`
// reads the same current value in every channel's message.
import type { Db } from '@braid/db';

/** Trait the balance is kept in. */
export const LOYALTY_TRAIT = 'loyalty_points';
/** One point for every 10,000 ₫ of an order (rounded down per order); other currencies earn none. */
export const VND_PER_POINT = 10_000;

// One row per order: a shop that sends the same order twice (webhook and /v1/track) counts it
// once; an order cancelled later (same source and order id) earns nothing.
const ORDERS = `
  SELECT coalesce(json_extract(o.properties, '$.source'), '') AS source,
         coalesce(json_extract(o.properties, '$.order_id'), o.id) AS order_id,
         max(CAST(coalesce(json_extract(o.properties, '$.revenue'), json_extract(o.properties, '$.total'), 0) AS REAL)) AS revenue
  FROM events o
  WHERE o.workspace_id = :ws AND o.customer_id = :customer AND o.name = 'Order Completed'
    AND upper(coalesce(json_extract(o.properties, '$.currency'), 'VND')) = 'VND'
  GROUP BY 1, 2`;

const BALANCE = `
  SELECT coalesce(sum(CAST(max(revenue, 0) / ${VND_PER_POINT} AS INTEGER)), 0)
  FROM (${ORDERS}) AS orders
  WHERE NOT EXISTS (
    SELECT 1 FROM events c
    WHERE c.workspace_id = :ws AND c.customer_id = :customer AND c.name = 'Order Cancelled'
      AND coalesce(json_extract(c.properties, '$.source'), '') = orders.source
      AND json_extract(c.properties, '$.order_id') = orders.order_id)`;

/**
 * Recomputes the customer's balance from their orders and stores it when it changed. One
 * statement: computed and written under the database's write lock, so two orders arriving at
 * once cannot leave the older total behind. Customers who never ordered get no trait.
 */
export async function refreshLoyaltyBalance(db: Db, workspaceId: string, customerId: string): Promise<void> {
  await db.$client.execute({
    sql: `UPDATE customers SET traits = json_set(traits, '$.${LOYALTY_TRAIT}', (${BALANCE})), updated_at = :now
          WHERE id = :customer AND workspace_id = :ws AND merged_into IS NULL
            AND EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = :ws AND e.customer_id = :customer AND e.name = 'Order Completed')
            AND json_extract(traits, '$.${LOYALTY_TRAIT}') IS NOT (${BALANCE})`,
    args: { ws: workspaceId, customer: customerId, now: Date.now() },
  });
}
