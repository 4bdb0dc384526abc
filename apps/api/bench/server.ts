// The API alone (no journey runtime, no Temporal) in its own process, for the ingestion bench.
import { startApi } from '../src/server';

const api = await startApi({
  databaseUrl: process.env.BRAID_DATABASE_URL,
  port: 0,
  bootstrap: { writeKey: process.env.BRAID_BOOTSTRAP_WRITE_KEY, adminToken: process.env.BRAID_BOOTSTRAP_ADMIN_TOKEN },
});
console.log(`Braid API listening on ${api.url}`);
// The bench asks for CPU time (a line on stdin) to report cost per event independent of load.
process.stdin.on('data', () => {
  const u = process.cpuUsage();
  console.log(`cpu-us ${u.user + u.system}`);
});
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
