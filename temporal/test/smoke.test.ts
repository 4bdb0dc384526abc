// Publish → ingest an event over HTTP → workflow → sandbox message → stats, end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph, minutes } from '../../packages/journey/fixtures/builder';
import { eventually, startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeScale: 1 / 600 });
  await stack.startWorker('inProcess');
});
afterAll(async () => stack?.stop());

const welcome = journeyGraph(
  [
    ['signed-up', 'trigger-event', { event: 'Signed Up', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
    ['hello', 'send-message', { channel: 'email', subject: 'Xin chào {{ customer.firstName }}', body: 'Chào {{ customer.firstName }}, mã {{ customer.missing_trait }}!' }],
    ['pause', 'wait-delay', { duration: minutes(1) }],
    ['done', 'exit', { reason: 'Welcomed' }],
  ],
  [
    ['signed-up', 'out', 'hello'],
    ['hello', 'out', 'pause'],
    ['pause', 'out', 'done'],
  ],
);

describe('end to end', () => {
  it('publishes, enrols from an ingested event, sends to the sandbox and counts per node', async () => {
    const created = await stack.admin('/journeys', { method: 'POST', body: { name: 'Welcome', graph: welcome } });
    expect(created.status).toBe(201);
    const journey = (await created.json()) as { id: string; draftRevision: number };
    const published = await stack.admin(`/journeys/${journey.id}/publish`, { method: 'POST', body: { note: 'first' } });
    expect(published.status, await published.clone().text()).toBe(201);

    expect((await stack.identify('u-1', { email: 'toan@hoaban.vn', firstName: 'Toản' })).status).toBe(200);
    expect((await stack.track('u-1', 'Signed Up', { plan: 'free' })).status).toBe(200);

    const outbox = await eventually(async () => {
      const res = await stack.admin('/outbox?channel=email');
      const body = (await res.json()) as { messages: { subject: string; body: string; status: string; recipient: string }[] };
      return body.messages.length > 0 ? body.messages : undefined;
    }, 60_000, 'the welcome email');
    expect(outbox[0]).toMatchObject({ subject: 'Xin chào Toản', status: 'sent', recipient: 'toan@hoaban.vn' });
    expect(outbox[0]!.body).toBe('Chào Toản, mã !');

    const stats = await eventually(async () => {
      const res = await stack.admin(`/journeys/${journey.id}/stats`);
      const body = (await res.json()) as { enrollments: { completed: number }; nodes: { nodeId: string; entered: number; exited: number }[] };
      return body.enrollments.completed === 1 ? body : undefined;
    }, 60_000, 'the enrollment to complete');
    // The trigger's card counts who came in through it, though the step log starts after it.
    expect(stats.nodes.find((n) => n.nodeId === 'signed-up')?.entered).toBe(1);
    expect(stats.nodes.find((n) => n.nodeId === 'hello')?.entered).toBe(1);
    expect(stats.nodes.find((n) => n.nodeId === 'done')?.exited).toBe(1);
  });
});
