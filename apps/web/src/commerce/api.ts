// The admin API calls of the commerce sources screen.
import { http } from '../api/http';

export const platforms = ['shopify', 'haravan', 'sapo'] as const;
export type Platform = (typeof platforms)[number];

export interface CommerceSource {
  id: string;
  platform: Platform;
  name: string;
  webhookUrl: string;
  secretHint: string;
  createdAt: number;
  lastDelivery: { status: string; topic: string; at: number } | null;
}

export interface Delivery {
  id: string;
  deliveryId: string;
  topic: string;
  status: 'accepted' | 'duplicate' | 'ignored';
  orderId: string | null;
  eventName: string | null;
  customerId: string | null;
  receivedAt: number;
}

export const sourcesApi = {
  list: () => http.get<{ sources: CommerceSource[] }>('/api/commerce-sources'),
  create: (input: { platform: Platform; name: string; secret?: string }) => http.post<CommerceSource & { secret: string }>('/api/commerce-sources', input),
  update: (id: string, input: { name?: string; secret?: string }) => http.patch<CommerceSource>(`/api/commerce-sources/${encodeURIComponent(id)}`, input),
  secret: (id: string) => http.get<{ secret: string }>(`/api/commerce-sources/${encodeURIComponent(id)}/secret`),
  remove: (id: string) => http.del<{ deleted: true }>(`/api/commerce-sources/${encodeURIComponent(id)}`),
  deliveries: (id: string) => http.get<{ deliveries: Delivery[] }>(`/api/commerce-sources/${encodeURIComponent(id)}/deliveries?limit=20`),
};
