// Where Temporal is: the embedded dev server by default, or a cluster / Temporal Cloud from env.
import { readFileSync } from 'node:fs';

export type TemporalConfig = {
  address: string;
  namespace: string;
  /** mTLS client certificate and key (self-hosted clusters, Temporal Cloud with certificates). */
  tls?: { clientCertPair: { crt: Buffer; key: Buffer } } | true;
  /** Temporal Cloud API key; implies TLS. */
  apiKey?: string;
};

export function temporalConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const address = env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  const namespace = env.TEMPORAL_NAMESPACE || 'default';
  const certPath = env.TEMPORAL_TLS_CERT;
  const keyPath = env.TEMPORAL_TLS_KEY;
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together (paths to the client certificate and key)');
  }
  const config: TemporalConfig = { address, namespace };
  if (certPath && keyPath) {
    config.tls = { clientCertPair: { crt: readFileSync(certPath), key: readFileSync(keyPath) } };
  }
  if (env.TEMPORAL_API_KEY) {
    config.apiKey = env.TEMPORAL_API_KEY;
    config.tls ??= true;
  }
  return config;
}

/** Options shared by the client `Connection` and the worker `NativeConnection`. */
export function connectionOptions(config: TemporalConfig): { address: string; tls?: TemporalConfig['tls']; apiKey?: string } {
  return {
    address: config.address,
    ...(config.tls ? { tls: config.tls } : {}),
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
  };
}
