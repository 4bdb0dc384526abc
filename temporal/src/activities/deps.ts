// What the activities need from the outside world, injected so tests and the worker share code.
import type { Client } from '@temporalio/client';
import type { Db } from '@braid/db';
import type { AudienceRegistry, ChannelRegistry } from '@braid/channels';
import type { ImplementationRegistry } from '@braid/sdk/server';

export type ActivityDeps = {
  db: Db;
  /** Adapters by channel: the sandbox outbox unless a real one is configured. */
  channels: ChannelRegistry;
  /** Ad platform audiences (audiencesFromEnv); without it, audience_members only. */
  audiences?: AudienceRegistry;
  /** Server-side effects of action node types (`builtinImplementations` plus developer packages). */
  implementations: ImplementationRegistry;
  /** For activities that start journeys themselves (date triggers); optional elsewhere. */
  client?: Client;
  /** Clock, injectable for tests. */
  now?: () => number;
};

/** Who and where an effect happens: enough to key, log and attribute it. */
export type EffectContext = {
  workspaceId: string;
  journeyId: string;
  version: number;
  customerId: string;
  enrollmentId: string;
  nodeId: string;
  traits: Record<string, unknown>;
};
