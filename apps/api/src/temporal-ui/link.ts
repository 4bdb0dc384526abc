// Where a customer's workflow can be opened in the Temporal Web UI, for the trace's deep link.
// BRAID_TEMPORAL_UI_URL names the UI (Temporal Cloud: https://cloud.temporal.io; empty: no link);
// without it, the embedded dev server's own UI on 127.0.0.1 (TEMPORAL_UI_PORT, else the gRPC
// port + 1000, as the launcher starts it). A remote cluster's UI is unknown: no link.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export function temporalUiBase(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.BRAID_TEMPORAL_UI_URL;
  if (configured !== undefined) return configured.trim() ? configured.trim().replace(/\/+$/, '') : null;
  const address = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const match = /^(.*):(\d+)$/.exec(address);
  if (!match || !LOOPBACK.test(match[1]!)) return null;
  const uiPort = env.TEMPORAL_UI_PORT ? Number(env.TEMPORAL_UI_PORT) : Number(match[2]) + 1000;
  return Number.isInteger(uiPort) && uiPort > 0 ? `http://127.0.0.1:${uiPort}` : null;
}

/** `(workflowId) => link`, or null for every workflow when no UI is known. */
export function temporalWorkflowLinks(env: NodeJS.ProcessEnv = process.env): (workflowId: string) => string | null {
  const base = temporalUiBase(env);
  const namespace = encodeURIComponent(env.TEMPORAL_NAMESPACE || 'default');
  return (workflowId) => (base ? `${base}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}` : null);
}
