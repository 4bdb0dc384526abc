// Development harness: an API on a temp database with the journeys routes mounted (publish
// accepts anything), for working on the web app before the whole system is wired.
// `npx tsx e2e/src/dev-api.ts` then `npm run dev -w @braid/web`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrate } from '@braid/db';
import { startApi } from '@braid/api';
import { journeyRoutes } from '../../apps/api/src/journeys/journeys';
import { insightRoutes } from '../../apps/api/src/journeys/insights';

const dir = mkdtempSync(join(tmpdir(), 'braid-dev-'));
const db = await createDb(`file:${join(dir, 'braid.db')}`);
await migrate(db.db);
const api = await startApi({
  db,
  port: Number(process.env.PORT ?? 3000),
  bootstrap: { writeKey: 'wk_dev', adminToken: 'bat_dev', adminEmail: 'admin@example.com', adminPassword: 'braid-dev-password' },
  registerRoutes: (app) => {
    app.route(
      '/journeys',
      journeyRoutes({
        db: db.db,
        validateGraph: () => [],
        compileGraph: (_g, meta) => ({
          irVersion: 1,
          journeyId: meta.journeyId,
          version: meta.version,
          trigger: { kind: 'manual', reentry: { mode: 'once' }, entryLimit: null },
          goal: null,
          exitCriteria: [],
          start: 'x',
          steps: {},
          nodeOf: {},
        }),
        triggerKeyOf: () => null,
      }),
    );
    app.route('/journeys', insightRoutes(db.db));
  },
});
console.log(`dev api on ${api.url}`);
