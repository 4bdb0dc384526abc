// A Temporal client for the API process (routing, lifecycle), configured from env by default.
import { Client, Connection } from '@temporalio/client';
import { connectionOptions, temporalConfigFromEnv, type TemporalConfig } from '../connection/config';

export async function connectTemporalClient(config: TemporalConfig = temporalConfigFromEnv()): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config));
  return new Client({ connection, namespace: config.namespace });
}
