// The `braid` command as a user runs it: a real process (bin/braid.js) against the started API
// over real HTTP, on a real libSQL file. Export → edit → validate (errors named by their place in
// the file) → push → diff → publish → rollback; and every refusal printed with its field and a
// non-zero exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJourneyRuntime } from '../../../apps/api/src/journeys';
import { welcomeSeries } from '@braid/journey/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestApi, type TestApi } from '../../../apps/api/test/helpers';

const BIN = new URL('../bin/braid.js', import.meta.url).pathname;

let api: TestApi;
let dir: string;
let config: string;
beforeAll(async () => {
  api = await startTestApi((db) => ({ registerRoutes: createJourneyRuntime({ db, client: null }).registerRoutes }));
  dir = mkdtempSync(join(tmpdir(), 'braid-cli-'));
  config = join(dir, 'config', 'braid.json');
});
afterAll(async () => {
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `braid ...args` in its own process; by default with the login saved by the first test. */
function braid(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, BRAID_CONFIG: config, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const readJson = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Json;
const writeJson = (name: string, value: unknown) => writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
async function admin(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await api.admin(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return (await res.json()) as Json;
}

describe('braid', () => {
  it('login checks the token, then saves the address and token for the next commands (owner-only file)', async () => {
    const wrong = await braid(['login', '--url', api.url, '--token', 'bat_wrong']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/HTTP 401/);
    const ok = await braid(['login', '--url', api.url], { BRAID_TOKEN: ADMIN_TOKEN });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`Logged in to ${api.url}`);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({ url: api.url, token: ADMIN_TOKEN });
    expect(statSync(config).mode & 0o777).toBe(0o600);
  });

  it('export → edit → validate names each error → fix → push → diff → publish → versions → rollback', async () => {
    const created = await admin('POST', '/api/journeys', { name: 'Chào mừng khách mới', graph: welcomeSeries });
    expect(created.key).toBe('chao-mung-khach-moi');
    await admin('POST', `/api/journeys/${created.id}/publish`, { note: 'first' });

    const exported = await braid(['export', 'chao-mung-khach-moi', '-o', 'welcome.journey.json']);
    expect(exported.code).toBe(0);
    const file = readJson('welcome.journey.json');
    expect(file).toMatchObject({ $schema: `${api.url}/api/schemas/journey-file.json`, key: 'chao-mung-khach-moi', name: 'Chào mừng khách mới', graph: welcomeSeries });

    // A careless edit: an unknown channel and a wait left hanging.
    const broken = structuredClone(file);
    const email = broken.graph.nodes.findIndex((n: Json) => n.id === 'welcome-email');
    const wait = broken.graph.nodes.findIndex((n: Json) => n.id === 'wait-3-days');
    broken.graph.nodes[email].config.channel = 'pigeon';
    broken.graph.edges = broken.graph.edges.filter((e: Json) => e.source !== 'wait-3-days');
    writeJson('welcome.journey.json', broken);
    const invalid = await braid(['validate', 'welcome.journey.json']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/welcome\.journey\.json: \d+ problems/);
    expect(invalid.stderr).toContain(`graph.nodes.${email}.config.channel (step "welcome-email"):`);
    expect(invalid.stderr).toContain(`graph.nodes.${wait} (step "wait-3-days"): Connect`);

    // Fixed, with the change meant: four days instead of two before the follow-up.
    const edited = structuredClone(file);
    edited.graph.nodes.find((n: Json) => n.id === 'wait-2-days').config = { duration: { amount: 4, unit: 'days' } };
    writeJson('welcome.journey.json', edited);
    const valid = await braid(['validate', 'welcome.journey.json']);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('is valid: a push updates the draft of "chao-mung-khach-moi"');

    const preview = await braid(['diff', 'welcome.journey.json']);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('~ wait-2-days (wait-delay) changed');
    expect(preview.stdout).toContain('duration: {"amount":2,"unit":"days"} → {"amount":4,"unit":"days"}');

    const pushed = await braid(['push', 'welcome.journey.json']);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain('Updated the draft of "chao-mung-khach-moi" (revision 2)');
    expect(pushed.stdout).toContain('Ready to publish');
    expect((await admin('GET', '/api/journeys')).journeys.filter((j: Json) => j.key === 'chao-mung-khach-moi')).toHaveLength(1);
    const again = await braid(['push', 'welcome.journey.json']);
    expect(again.stdout).toContain('already has this draft (revision 2): nothing changed');

    const drafted = await braid(['diff', 'chao-mung-khach-moi']);
    expect(drafted.stdout).toContain('From version 1 to the draft of "chao-mung-khach-moi"');
    expect(drafted.stdout).toContain('duration: {"amount":2,"unit":"days"} → {"amount":4,"unit":"days"}');

    const published = await braid(['publish', 'chao-mung-khach-moi', '-m', 'longer wait']);
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('Published "chao-mung-khach-moi" as version 2');
    // The file is what is live now: nothing drifted; after the rollback below it has.
    expect((await braid(['diff', 'welcome.journey.json', '--exit-code'])).code).toBe(0);
    const versions = await braid(['versions', 'welcome.journey.json']);
    expect(versions.stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 2).join(' ').trim())).toEqual(['v2 live', 'v1']);
    expect(versions.stdout).toContain('longer wait');

    const rolled = await braid(['rollback', 'chao-mung-khach-moi', '1']);
    expect(rolled.code).toBe(0);
    expect(rolled.stdout).toContain('live is now version 3');
    const drift = await braid(['diff', 'welcome.journey.json', '--exit-code']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('From version 3 to welcome.journey.json:');
    const live = await admin('GET', `/api/journeys/${created.id}/versions/3`);
    expect(live.graph.nodes.find((n: Json) => n.id === 'wait-2-days').config.duration.amount).toBe(2);
    // The draft followed the rollback: publishing it again changes nothing.
    const untouched = await braid(['publish', 'chao-mung-khach-moi']);
    expect(untouched.stdout).toContain('Nothing to publish: the draft equals live version 3');
    await braid(['export', 'chao-mung-khach-moi', '-o', 'restored.journey.json']);
    expect(readJson('restored.journey.json').graph).toEqual(welcomeSeries);
    const v2 = await braid(['export', 'chao-mung-khach-moi', '--version', '2', '-o', '-']);
    expect(JSON.parse(v2.stdout).graph.nodes.find((n: Json) => n.id === 'wait-2-days').config.duration.amount).toBe(4);
  });

  it('push of a new key creates the journey; its problems are counted, and publishing it is refused with each field', async () => {
    const graph = structuredClone(welcomeSeries) as Json;
    graph.edges = graph.edges.filter((e: Json) => e.source !== 'voucher-email');
    writeJson('new.journey.json', { key: 'tet-campaign', name: 'Tết 2027', description: '', graph });
    const pushed = await braid(['push', 'new.journey.json']);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain('Created the draft journey "tet-campaign"');
    expect(pushed.stderr).toContain('The draft has 2 problems to fix before publishing: braid validate new.journey.json');

    const refused = await braid(['publish', 'tet-campaign']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/braid: The journey cannot be published: 2 problems to fix \[journey_invalid, HTTP 422\]/);
    expect(refused.stderr).toContain('  nodes.voucher-email.ports.out: Connect');
    expect(refused.stderr).toContain('  nodes.exit-done: No customer can reach');
  });

  it('every other refusal: a non-zero exit code and the field at fault', async () => {
    const unknown = await braid(['publish', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No journey with the key "nobody" in this workspace [not_found, HTTP 404]');
    expect(unknown.stderr).toContain('  key: not found');

    writeJson('stale.journey.json', { key: 'stale', name: 'Stale', graph: welcomeSeries });
    await braid(['push', 'stale.journey.json']);
    writeJson('stale.journey.json', { key: 'stale', name: 'Stale, renamed', graph: welcomeSeries });
    const stale = await braid(['push', 'stale.journey.json', '--revision', '7']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('[stale_revision, HTTP 409]');
    expect(stale.stderr).toContain('  revision: expected 1, got 7');

    const damaged = structuredClone(welcomeSeries) as Json;
    delete damaged.edges[0].id;
    writeJson('damaged.journey.json', { key: 'damaged', name: 'Damaged', graph: damaged });
    const shape = await braid(['push', 'damaged.journey.json']);
    expect(shape.code).toBe(1);
    expect(shape.stderr).toContain('  graph.edges.0.id: is required');

    const noRollbackTarget = await braid(['rollback', 'stale', '5']);
    expect(noRollbackTarget.code).toBe(1);
    expect(noRollbackTarget.stderr).toContain('  version: not found');

    writeFileSync(join(dir, 'not-json.journey.json'), '{ "key": ');
    const notJson = await braid(['validate', 'not-json.journey.json']);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('not-json.journey.json: not valid JSON');

    const badToken = await braid(['versions', 'stale'], { BRAID_TOKEN: 'bat_nope' });
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toContain('HTTP 401');

    const usage = await braid(['rollback', 'stale', 'latest']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('expected a whole number from 1 up');

    const unreachable = await braid(['versions', 'stale', '--url', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('Braid is not reachable at http://127.0.0.1:9');
  });
});
