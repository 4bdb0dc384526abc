// Which Temporal the bench measures: the embedded dev server (the default, what `npm start`
// runs), or a running cluster named by BENCH_TEMPORAL_ADDRESS (+ BENCH_TEMPORAL_NAMESPACE), as
// `npm run bench:cluster` does with the test cluster. A bench-only variable, so that a
// TEMPORAL_ADDRESS exported for everyday work never sends bench traffic to that server.
import { startDevServer, freePort } from '../src/server/index';

/** `pid`: the server's process on this machine, when known, so its CPU per customer can be read. */
export type BenchTemporal = { address: string; namespace: string; label: string; pid: number | undefined; stop(): Promise<void> };

export async function benchTemporal(dataDir: string): Promise<BenchTemporal> {
  const address = process.env.BENCH_TEMPORAL_ADDRESS;
  if (address) {
    const namespace = process.env.BENCH_TEMPORAL_NAMESPACE ?? 'default';
    const pid = Number(process.env.BENCH_TEMPORAL_PID) || undefined;
    return { address, namespace, label: process.env.BENCH_TEMPORAL_LABEL ?? `Temporal at ${address}`, pid, stop: async () => undefined };
  }
  const server = await startDevServer({ dataDir, port: await freePort(), ui: false });
  return { address: server.address, namespace: server.namespace, label: 'embedded dev server', pid: server.pid, stop: () => server.stop() };
}
