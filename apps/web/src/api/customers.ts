import { http } from './http';
import { toCustomerRef } from './journeys';
import { list, obj, str, time, unwrap } from './normalize';
import type { Customer, CustomerRef, OutboxMessage } from './types';

export const customersApi = {
  async search(q: string): Promise<CustomerRef[]> {
    const query = q ? `?q=${encodeURIComponent(q)}&limit=20` : '?limit=20';
    return list(await http.get(`/api/customers${query}`), 'customers').map(toCustomerRef);
  },
  async get(id: string): Promise<Customer> {
    const raw = await http.get(`/api/customers/${encodeURIComponent(id)}`);
    const o = unwrap(raw, 'customer');
    return { ...toCustomerRef(o), traits: obj(o.traits) };
  },
  /** The customer's latest event of a name: its properties feed the message preview. */
  async lastEvent(id: string, name: string): Promise<Record<string, unknown> | null> {
    try {
      const raw = await http.get(`/api/events?customerId=${encodeURIComponent(id)}&name=${encodeURIComponent(name)}&limit=1`);
      const first = list(raw, 'events')[0];
      return first ? obj(obj(first).properties) : null;
    } catch {
      return null;
    }
  },
};

export const outboxApi = {
  async list(params: { customerId?: string; journeyId?: string } = {}): Promise<OutboxMessage[]> {
    const q = new URLSearchParams();
    if (params.customerId) q.set('customerId', params.customerId);
    if (params.journeyId) q.set('journeyId', params.journeyId);
    const raw = await http.get(`/api/outbox${q.size ? `?${q}` : ''}`);
    return list(raw, 'messages', 'outbox').map((m) => {
      const o = obj(m);
      const content = obj(o.content ?? o.rendered);
      return {
        id: str(o, 'id') ?? '',
        customerId: str(o, 'customerId'),
        channel: str(o, 'channel') ?? '',
        to: str(o, 'to', 'recipient', 'address'),
        subject: str(o, 'subject') ?? str(content, 'subject'),
        body: str(o, 'body', 'text') ?? str(content, 'body', 'text', 'html') ?? '',
        status: str(o, 'status') ?? '',
        createdAt: time(o, 'createdAt', 'sentAt'),
        journeyId: str(o, 'journeyId'),
        nodeId: str(o, 'nodeId'),
      };
    });
  },
};
