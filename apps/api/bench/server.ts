// The API alone (no journey runtime, no Temporal) in its own process, for the ingestion bench.
import { startApi } from '../src/server';

const api = await startApi({
  databaseUrl: process.env.BRAID_DATABASE_URL,
  port: 0,
  bootstrap: { writeKey: process.env.BRAID_BOOTSTRAP_WRITE_KEY, adminToken: process.env.BRAID_BOOTSTRAP_ADMIN_TOKEN },
});
console.log(`Braid API listening on ${api.url}`);
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
