// A customer whose history grows (many events while waiting) continues as new, carrying the
// interpreter state, the wait and the de-duplication memory, and finishes normally.
import { eq, enrollments, messages, newId } from '@braid/db';
import type { JourneyIR } from '@braid/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { days, journeyGraph } from '../../packages/journey/fixtures/builder';
import { currentNodeQuery, customerEventSignal, DEFAULT_TASK_QUEUE, journeyWorkflowId, type JourneyWorkflowInput } from '../src/workflows/contract';
import { eventually, startStack, type Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ timeScale: 1 / 86_400 });
  await stack.startWorker('inProcess');
});
afterAll(async () => stack?.stop());

describe('continueAsNew', () => {
  it('carries state across runs and finishes on the version it entered with', async () => {
    const graph = journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Invoice Sent', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['paid', 'wait-for-event', { event: 'Invoice Paid', where: [], timeout: days(3650) }],
        ['thanks', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Cảm ơn đã thanh toán' }],
        ['x', 'exit', { reason: 'paid' }],
        ['late', 'exit', { reason: 'never paid' }],
      ],
      [
        ['t', 'out', 'paid'],
        ['paid', 'happened', 'thanks'],
        ['paid', 'timedOut', 'late'],
        ['thanks', 'out', 'x'],
      ],
    );
    const { id } = (await (await stack.admin('/journeys', { method: 'POST', body: { name: 'Invoice', graph } })).json()) as { id: string };
    expect((await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} })).status).toBe(201);
    const version = (await (await stack.admin(`/journeys/${id}/versions/1`)).json()) as { id: string; ir: JourneyIR };
    await stack.identify('invoice', { phone: '+84977777777' });
    const r = await stack.db.client.execute("SELECT customer_id FROM customer_identities WHERE type = 'user_id' AND value = 'invoice'");
    const customerId = String(r.rows[0]!.customer_id);
    const workflowId = journeyWorkflowId(id, customerId);
    const enrollmentId = newId();
    const ws = String((await stack.db.client.execute({ sql: 'SELECT workspace_id FROM journeys WHERE id = ?', args: [id] })).rows[0]!.workspace_id);
    await stack.db.db.insert(enrollments).values({ id: enrollmentId, workspaceId: ws, journeyId: id, version: 1, customerId, workflowId, status: 'active', enteredAt: Date.now() });
    const input: JourneyWorkflowInput = {
      enrollment: { workspaceId: ws, journeyId: id, versionId: version.id, version: 1, customerId, enrollmentId },
      ir: version.ir,
      entryEvent: { id: 'entry-1', name: 'Invoice Sent', properties: {}, timestamp: new Date().toISOString() },
      traits: {},
      seed: 7,
      historyLimit: 10,
    };
    const handle = await stack.client.workflow.start('journeyWorkflow', { workflowId, taskQueue: DEFAULT_TASK_QUEUE, args: [input] });
    const firstRun = handle.firstExecutionRunId;
    for (let i = 0; i < 12; i++) await handle.signal(customerEventSignal, { id: `noise-${i}`, name: 'Page Viewed', properties: {}, timestamp: new Date().toISOString() });
    const current = stack.client.workflow.getHandle(workflowId);
    await eventually(async () => (await current.describe()).runId !== firstRun, 30_000, 'a new run');
    expect((await current.query(currentNodeQuery)).nodeId).toBe('paid');
    // An event already seen in the first run is still ignored; a new one moves the customer on.
    await current.signal(customerEventSignal, { id: 'noise-3', name: 'Invoice Paid', properties: {}, timestamp: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 500));
    expect((await current.query(currentNodeQuery)).nodeId).toBe('paid');
    await current.signal(customerEventSignal, { id: 'paid-1', name: 'Invoice Paid', properties: {}, timestamp: new Date().toISOString() });
    const outcome = (await current.result()) as { reason: string };
    expect(outcome.reason).toBe('end');
    const sent = await stack.db.db.select().from(messages).where(eq(messages.enrollmentId, enrollmentId));
    expect(sent).toHaveLength(1);
    expect((await stack.db.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId)))[0]!.status).toBe('completed');
  });
});
