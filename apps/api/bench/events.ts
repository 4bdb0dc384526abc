// The synthetic track event both ingestion benchmarks send (over HTTP and in-process), so the two
// measure the same rows.
export function benchEvent(i: number, total: number, customers: number) {
  const user = i % customers;
  return {
    type: 'track',
    messageId: `bench-${i}`,
    userId: `user-${user}`,
    anonymousId: `anon-${user}`,
    event: i % 5 === 0 ? 'Order Completed' : 'Product Viewed',
    properties: { sku: `SKU-${i % 300}`, price: 45000 + (i % 7) * 1000, currency: 'VND', category: 'pho' },
    context: { ip: '203.0.113.7', library: { name: 'bench', version: '1' }, page: { path: '/menu' } },
    timestamp: new Date(Date.now() - (total - i)).toISOString(),
  };
}
