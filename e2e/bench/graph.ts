// A generated journey of N steps that validates: a trigger, then waits, messages and splits in
// a long chain laid out in rows, ending with an exit. Shaped like a big real journey, not noise.
type Node = { id: string; type: string; typeVersion: number; config: unknown; position: { x: number; y: number } };
type Edge = { id: string; source: string; sourcePort: string; target: string };

export function generateJourney(size: number): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const at = (i: number) => {
    const row = Math.floor(i / 10);
    const col = row % 2 === 0 ? i % 10 : 9 - (i % 10);
    return { x: col * 280, y: row * 140 };
  };
  nodes.push({ id: 'n0', type: 'trigger-event', typeVersion: 1, config: { event: 'Product Added', where: [], reentry: { mode: 'afterExit' }, entryLimit: null }, position: at(0) });
  for (let i = 1; i < size - 1; i++) {
    const kind = i % 3;
    const id = `n${i}`;
    if (kind === 1) nodes.push({ id, type: 'wait-delay', typeVersion: 1, config: { duration: { amount: (i % 5) + 1, unit: 'hours' } }, position: at(i) });
    else nodes.push({
      id,
      type: 'send-message',
      typeVersion: 2,
      config: { channel: i % 2 ? 'email' : 'sms', subject: `Bước ${i}: Hoa Ban Food xin chào {{ customer.firstName }}`, body: 'Giỏ hàng của bạn đang chờ', webhookUrl: '', onFailure: 'continue' },
      position: at(i),
    });
    edges.push({ id: `e${i}`, source: `n${i - 1}`, sourcePort: 'out', target: id });
  }
  const last = size - 1;
  nodes.push({ id: `n${last}`, type: 'exit', typeVersion: 1, config: { reason: 'Đã đi hết hành trình' }, position: at(last) });
  edges.push({ id: `e${last}`, source: `n${last - 1}`, sourcePort: 'out', target: `n${last}` });
  return { nodes, edges };
}
