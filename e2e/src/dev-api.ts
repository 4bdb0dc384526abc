// Development harness: an API on a temp database with the journeys routes mounted (real
// validation and publishing, no Temporal: nobody enters journeys), for working on the web app.
// `npx tsx e2e/src/dev-api.ts` then `npm run dev -w @braid/web` (BRAID_API_PORT = this PORT).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate } from '@braid/db';
import { startApi } from '@braid/api';
import { createJourneyRuntime } from '../../apps/api/src/journeys';

const dir = mkdtempSync(join(tmpdir(), 'braid-dev-'));
const db = await createDb(`file:${join(dir, 'braid.db')}`);
await migrate(db.db);
const journeys = createJourneyRuntime({ db: db.db, client: null });
const api = await startApi({
  db,
  port: Number(process.env.PORT ?? 3000),
  bootstrap: { writeKey: 'wk_dev', adminToken: 'bat_dev', adminEmail: 'admin@example.com', adminPassword: 'braid-dev-password' },
  registerRoutes: journeys.registerRoutes,
});
console.log(`dev api on ${api.url} (admin@example.com / braid-dev-password)`);
