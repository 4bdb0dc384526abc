// An email designed with blocks, end to end on the real stack: the real Temporal dev server, the
// API over HTTP, a real libSQL file and a real SMTP server. The journey's send step compiles its
// blocks with MJML in the worker; the email arrives with responsive HTML where the customer's data
// is escaped, the text part made from the same blocks, the step's sender and one-click headers.
import { asc, enrollments, eq } from '@braid/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyGraph } from '../../packages/journey/fixtures/builder';
import { eventually, type Stack } from './harness';
import { headerOf, startStackWithMailbox, type StackWithMailbox } from './mailbox';

let shop: StackWithMailbox;
let stack: Stack;
let received: StackWithMailbox['received'];

beforeAll(async () => {
  shop = await startStackWithMailbox({ trackingSecret: 'runtime-email-design-secret' });
  ({ stack, received } = shop);
}, 120_000);
afterAll(async () => shop?.stop());

describe('an email designed with blocks', () => {
  it('goes out as MJML-compiled HTML with escaped customer data, its text part, the step sender and one-click headers; an old plain step still sends its body', async () => {
    const email = {
      preheader: 'Quà cho {{ customer.firstName }}',
      fromName: 'Hoa Ban Food',
      fromAddress: 'uu-dai@hoaban.vn',
      blocks: [
        { type: 'heading', text: 'Chào {{ customer.firstName }}' },
        { type: 'button', text: 'Mua ngay', href: 'https://hoaban.vn/khuyen-mai' },
        { type: 'products', source: 'entry.properties.items', title: 'Bạn đã xem' },
      ],
    };
    const graph = journeyGraph(
      [
        ['t', 'trigger-event', { event: 'Cart Viewed', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }],
        ['designed', 'send-message', { channel: 'email', subject: 'Ưu đãi cho {{ customer.firstName }}', body: 'fallback', onFailure: 'continue', email }],
        ['plain', 'send-message', { channel: 'email', subject: 'Thư thường', body: 'Chào {{ customer.firstName }}', onFailure: 'continue' }],
        ['x', 'exit', { reason: 'done' }],
      ],
      [
        ['t', 'out', 'designed'],
        ['designed', 'out', 'plain'],
        ['plain', 'out', 'x'],
      ],
    );
    const created = await stack.admin('/journeys', { method: 'POST', body: { name: 'Email thiết kế', graph } });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const published = await stack.admin(`/journeys/${id}/publish`, { method: 'POST', body: {} });
    expect(published.status, await published.clone().text()).toBe(201);

    await stack.identify('toan', { firstName: 'Toản <b>', email: 'toan@example.vn' });
    await stack.track('toan', 'Cart Viewed', { items: [{ name: 'Thịt trâu gác bếp', price: 350000, url: 'https://hoaban.vn/trau' }] });
    await eventually(async () => {
      const rows = await stack.db.db.select().from(enrollments).where(eq(enrollments.journeyId, id)).orderBy(asc(enrollments.enteredAt));
      return rows.length === 1 && rows[0]!.status !== 'active' ? rows : undefined;
    }, 120_000, 'the enrollment to finish');
    await eventually(async () => received.length === 2 || undefined, 10_000, 'both emails');

    const designed = received.find((m) => m.subject?.startsWith('Ưu đãi'))!;
    expect(designed.from?.value[0]).toMatchObject({ name: 'Hoa Ban Food', address: 'uu-dai@hoaban.vn' });
    expect(designed.html).toContain('mj-column-per-100');
    expect(designed.html).toContain('Chào Toản &lt;b&gt;');
    expect(designed.html).toContain('350.000');
    expect(designed.text).toContain('Quà cho Toản <b>');
    expect(designed.text).toContain('- Thịt trâu gác bếp: 350.000');
    expect(headerOf(designed, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(headerOf(designed, 'list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/t\/u\/u1\./);

    const plain = received.find((m) => m.subject === 'Thư thường')!;
    expect(plain.text?.trim()).toBe('Chào Toản <b>');
    expect(plain.from?.value[0]).toMatchObject({ address: 'shop@hoaban.vn' });
  }, 240_000);
});
