// `npm start -w @braid/api`: env → database → migrations → bootstrap → HTTP.
import { DEFAULT_DATABASE_URL } from '@braid/db';
import { bootstrapOptionsFromEnv } from './bootstrap';
import { startApi } from './server';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const api = await startApi({
  databaseUrl: process.env.BRAID_DATABASE_URL || DEFAULT_DATABASE_URL,
  port: Number.isFinite(port) ? port : 3000,
  host,
  bootstrap: bootstrapOptionsFromEnv(),
});
console.log(`Braid API listening on ${api.url} (docs: ${api.url}/api/docs)`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void api.close().then(() => process.exit(0));
  });
}
