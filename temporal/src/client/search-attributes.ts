// Search attributes every journey execution carries (registered on the server by the launcher
// for the dev server, or by `ensureSearchAttributes` for a cluster).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { Client } from '@temporalio/client';

export const JOURNEY_ID = defineSearchAttributeKey('JourneyId', SearchAttributeType.KEYWORD);
export const JOURNEY_VERSION = defineSearchAttributeKey('JourneyVersion', SearchAttributeType.INT);
export const CUSTOMER_ID = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);

/** Registers the journey search attributes when missing (a fresh cluster); a no-op otherwise. */
export async function ensureSearchAttributes(client: Client, namespace: string): Promise<void> {
  // temporal.api.enums.v1.IndexedValueType: 2 = KEYWORD, 3 = INT.
  const wanted = { JourneyId: 2, JourneyVersion: 3, CustomerId: 2 };
  const existing = await client.connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.fromEntries(Object.entries(wanted).filter(([name]) => !(name in (existing.customAttributes ?? {}))));
  if (Object.keys(missing).length === 0) return;
  await client.connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
}
