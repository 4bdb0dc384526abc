import { describe, expect, it } from 'vitest';
import { compile, validate } from '../src/index';
import type { JourneyGraph } from '../src/index';
import { hoaBanFood, journeyTemplates } from '../fixtures/index';
import { days, hours, journeyGraph } from '../fixtures/builder';
import { clone, registry } from './helpers';

const small = (): JourneyGraph =>
  journeyGraph(
    [
      ['t', 'trigger-event', { event: 'Signed Up' }],
      ['w', 'wait-delay', { duration: days(1) }],
      ['m', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'Xin chào {{ customer.firstName }}' }],
      ['x', 'exit', {}],
    ],
    [
      ['t', 'out', 'w'],
      ['w', 'out', 'm'],
      ['m', 'out', 'x'],
    ],
  );

const codes = (g: unknown) => validate(g, registry).map((i) => `${i.nodeId}:${i.code}`);

describe('validate', () => {
  it('accepts every template', () => {
    for (const t of journeyTemplates) expect(validate(t.graph, registry), t.id).toEqual([]);
  });

  it('refuses an SMS step that does not say whether it is advertising, naming the step and the field', () => {
    const g = small();
    const sms = g.nodes.find((n) => n.id === 'm')!;
    sms.label = 'SMS chào mừng';
    delete (sms.config as Record<string, unknown>).smsPurpose;
    const issues = validate(g, registry);
    expect(issues.map((i) => [i.nodeId, i.path])).toEqual([['m', 'smsPurpose']]);
    expect(issues[0]!.text?.vi).toContain('"SMS chào mừng": hãy chọn loại SMS');
    expect(issues[0]!.text?.en).toContain('"SMS chào mừng": pick the SMS kind');
    expect(compile(g, registry, { journeyId: 'j', version: 1 }).ok).toBe(false);
  });

  it('asks for a trigger', () => {
    const g = small();
    g.nodes = g.nodes.filter((n) => n.id !== 't');
    g.edges = g.edges.filter((e) => e.source !== 't');
    const issues = validate(g, registry);
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: null, path: '', message: 'Add a trigger: the journey needs a way for customers to enter', code: 'missing-trigger' }));
    expect(issues.filter((i) => i.code === 'unreachable').map((i) => i.nodeId).sort()).toEqual(['m', 'w', 'x']);
  });

  it('finds unreachable steps and unconnected ports', () => {
    const g = small();
    g.nodes.push({ id: 'lonely', type: 'wait-delay', typeVersion: 2, config: { duration: days(1) }, position: { x: 0, y: 0 } });
    g.edges = g.edges.filter((e) => e.source !== 'm');
    const issues = validate(g, registry);
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: 'lonely', code: 'unreachable', message: 'No customer can reach "Wait": connect it to the journey or delete it' }));
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: 'm', code: 'unconnected-port', path: 'ports.out', message: 'Connect "Send a message" to the next step (use Exit to end the journey)' }));
  });

  it('names the path of a two-port step that is left open', () => {
    const g = journeyGraph(
      [
        ['t', 'trigger-event', { event: 'A' }],
        ['wfe', 'wait-for-event', { event: 'Order Completed', timeout: hours(3) }],
        ['x', 'exit', {}],
      ],
      [
        ['t', 'out', 'wfe'],
        ['wfe', 'happened', 'x'],
      ],
    );
    expect(validate(g, registry)).toEqual([
      {
        nodeId: 'wfe',
        path: 'ports.timedOut',
        code: 'unconnected-port',
        message: 'Connect the "Timed out" path of "Wait for an event" to the next step (use Exit to end the journey)',
        text: {
          vi: 'Nối nhánh "Hết thời gian chờ" của "Chờ sự kiện" tới bước tiếp theo (dùng bước Kết thúc để rời hành trình)',
          en: 'Connect the "Timed out" path of "Wait for an event" to the next step (use Exit to end the journey)',
        },
      },
    ]);
  });

  it('refuses a loop without a wait but accepts one with a wait', () => {
    const loop = journeyGraph(
      [
        ['t', 'trigger-event', { event: 'A' }],
        ['c', 'condition-segment', { segmentId: 'vip' }],
        ['m', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'hi' }],
        ['x', 'exit', {}],
      ],
      [
        ['t', 'out', 'c'],
        ['c', 'yes', 'm'],
        ['m', 'out', 'c'],
        ['c', 'no', 'x'],
      ],
    );
    expect(codes(loop)).toContain('c:cycle-without-wait');
    const withWait = clone(loop);
    withWait.nodes.push({ id: 'w', type: 'wait-delay', typeVersion: 2, config: { duration: days(1) }, position: { x: 0, y: 0 } });
    withWait.edges = withWait.edges.map((e) => (e.source === 'm' ? { ...e, target: 'w' } : e));
    withWait.edges.push({ id: 'ew', source: 'w', sourcePort: 'out', target: 'c' });
    expect(validate(withWait, registry)).toEqual([]);
  });

  it('checks template variables against what comes before', () => {
    const g = small();
    g.nodes[2]!.config = { channel: 'email', subject: 'Hi {{ custmer.firstName }}', body: 'Mã {{ voucher.code }} {% for i in entry.properties.items %}{{ i.name }}{% endfor %}' };
    const issues = validate(g, registry);
    expect(issues).toContainEqual(expect.objectContaining({
      nodeId: 'm', path: 'subject', code: 'unknown-variable',
      message: '{{ custmer.firstName }} is not a variable we know: use customer (e.g. customer.firstName), entry (the event that started the journey) or journey',
    }));
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: 'm', path: 'body', code: 'unknown-variable', message: '{{ voucher.code }} needs a "Issue a voucher" step earlier on the customer’s path' }));
    expect(issues).toHaveLength(2);
  });

  it('reports unclosed Liquid tags', () => {
    const g = small();
    g.nodes[2]!.config = { channel: 'sms', smsPurpose: 'customer_care', body: 'Xin chào {{ customer.firstName' };
    expect(codes(g)).toEqual(['m:template-syntax']);
  });

  it('says a wait for an event needs a time limit', () => {
    const g = clone(hoaBanFood);
    const n = g.nodes.find((x) => x.id === 'checkout-wait')!;
    n.config = { ...(n.config as object), timeout: null };
    expect(validate(g, registry)).toEqual([
      {
        nodeId: 'checkout-wait',
        path: 'timeout',
        code: 'node-rule',
        message: 'Set how long to wait for "Checkout Started": without a time limit customers who never do it would wait forever',
        text: {
          vi: 'Hãy đặt thời gian chờ "Checkout Started": nếu không, khách không bao giờ làm việc đó sẽ chờ mãi',
          en: 'Set how long to wait for "Checkout Started": without a time limit customers who never do it would wait forever',
        },
      },
    ]);
  });

  it('reports unknown step types, bad configs, bad edges and duplicate ids', () => {
    const g = small();
    g.nodes.push({ id: 'z', type: 'teleport', typeVersion: 1, config: {}, position: { x: 0, y: 0 } });
    g.nodes.push({ id: 'w', type: 'wait-delay', typeVersion: 2, config: {}, position: { x: 0, y: 0 } });
    g.nodes[1]!.config = { duration: { amount: -1, unit: 'days' } };
    g.edges.push({ id: 'e9', source: 'm', sourcePort: 'nope', target: 'x' });
    g.edges.push({ id: 'e10', source: 'x', sourcePort: 'out', target: 'ghost' });
    g.edges.push({ id: 'e11', source: 'w', sourcePort: 'out', target: 't' });
    expect(codes(g).sort()).toEqual(['m:bad-edge', 'x:bad-edge', 't:bad-edge', 'w:duplicate-id', 'w:invalid-config', 'z:unknown-node-type'].sort());
  });

  it('upgrades nodes saved by older versions of their type', () => {
    const g = small();
    g.nodes[1] = { ...g.nodes[1]!, typeVersion: 1, config: { days: 2 } };
    g.nodes[2] = { ...g.nodes[2]!, typeVersion: 1, config: { channel: 'sms', smsPurpose: 'customer_care', message: 'Xin chào' } };
    expect(validate(g, registry)).toEqual([]);
    const r = compile(g, registry, { journeyId: 'j', version: 1 });
    expect(r.ok && r.ir.steps.w).toEqual({ type: 'wait', id: 'w', wait: { kind: 'duration', ms: 2 * 86_400_000 }, next: 'm' });
  });

  it('refuses step ids that would clash with object internals', () => {
    const g = small();
    g.nodes[1]!.id = '__proto__';
    expect(validate(g, registry)[0]).toMatchObject({ code: 'invalid-graph', path: 'nodes.1.id' });
    expect(compile(g, registry, { journeyId: 'j', version: 1 }).ok).toBe(false);
  });

  it('explains a damaged file instead of throwing', () => {
    expect(validate(null, registry)[0]).toMatchObject({ nodeId: null, code: 'invalid-graph' });
    expect(validate({ nodes: [{ id: 'a', type: 'exit' }], edges: [] }, registry)[0]).toMatchObject({ nodeId: 'a', code: 'invalid-graph', path: 'nodes.0.typeVersion' });
    expect(validate('{"nodes": []}', registry)[0]?.code).toBe('invalid-graph');
  });

  it('allows only one trigger and one goal', () => {
    const g = small();
    g.nodes.push({ id: 't2', type: 'trigger-manual', typeVersion: 1, config: {}, position: { x: 0, y: 0 } });
    g.edges.push({ id: 'e20', source: 't2', sourcePort: 'out', target: 'w' });
    g.nodes.push({ id: 'g1', type: 'goal', typeVersion: 1, config: { event: 'A' }, position: { x: 0, y: 0 } });
    g.nodes.push({ id: 'g2', type: 'goal', typeVersion: 1, config: { event: 'B' }, position: { x: 0, y: 0 } });
    expect(codes(g)).toEqual(['t2:extra-trigger', 'g2:extra-goal']);
  });
});

describe('compile', () => {
  it('produces a closed, JSON-serialisable program that maps back to the canvas', () => {
    const r = compile(small(), registry, { journeyId: 'welcome', version: 4 });
    expect(r).toEqual({
      ok: true,
      ir: {
        irVersion: 1, journeyId: 'welcome', version: 4,
        trigger: { kind: 'event', match: { event: 'Signed Up', where: [] }, reentry: { mode: 'afterExit' }, entryLimit: null },
        goal: null, exitCriteria: [], start: 'w',
        steps: {
          w: { type: 'wait', id: 'w', wait: { kind: 'duration', ms: 86_400_000 }, next: 'm' },
          m: { type: 'action', id: 'm', kind: 'send-message', channel: 'sms', config: { channel: 'sms', subject: '', body: 'Xin chào {{ customer.firstName }}', webhookUrl: '', onFailure: 'continue', messageType: 'marketing', subscriptionGroupId: '', smsPurpose: 'customer_care', messengerTag: '', znsTemplateId: '', znsParams: {}, email: { blocks: [], fromAddress: '', fromName: '', preheader: '' }, smsStripDiacritics: false }, next: 'x', onFailure: { kind: 'continue' } },
          x: { type: 'end', id: 'x', reason: 'Reached the exit' },
        },
        nodeOf: { w: 'w', m: 'm', x: 'x' },
      },
    });
    if (r.ok) expect(JSON.parse(JSON.stringify(r.ir))).toEqual(r.ir);
  });

  it('refuses graphs with issues', () => {
    const r = compile({ nodes: [], edges: [] }, registry, { journeyId: 'j', version: 1 });
    expect(r).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'missing-trigger' })] });
  });

  it('compiles every template, and scales time for fast real-server tests', () => {
    for (const t of journeyTemplates) expect(compile(t.graph, registry, { journeyId: t.id, version: 1 }).ok, t.id).toBe(true);
    const fast = compile(hoaBanFood, registry, { journeyId: 'hoa-ban-food', version: 1, timeScale: 1 / 86_400 });
    expect(fast.ok && fast.ir.steps['wait-week']).toMatchObject({ wait: { kind: 'duration', ms: 7000 } });
    expect(fast.ok && fast.ir.goal?.windowMs).toBe(30_000);
  });

  it('ends optional ports left open with a reason', () => {
    const g = journeyGraph(
      [
        ['t', 'trigger-manual', {}],
        ['s', 'condition-random-split', { branches: [{ label: 'A', percent: 45 }, { label: 'B', percent: 45 }], holdoutPercent: 10 }],
        ['x', 'exit', {}],
      ],
      [
        ['t', 'out', 's'],
        ['s', 'path0', 'x'],
        ['s', 'path1', 'x'],
      ],
    );
    const r = compile(g, registry, { journeyId: 'j', version: 1 });
    expect(r.ok && r.ir.steps['s.holdout.end']).toEqual({ type: 'end', id: 's.holdout.end', reason: 'Left after "Random split" (Holdout (10%))' });
  });
});

describe('loops through a time window', () => {
  it('are refused: customers inside the window would go straight round', () => {
    const g = journeyGraph(
      [
        ['t', 'trigger-manual', {}],
        ['tw', 'wait-time-window', { from: '19:00', to: '21:00' }],
        ['m', 'send-message', { channel: 'sms', smsPurpose: 'customer_care', body: 'hi' }],
      ],
      [
        ['t', 'out', 'tw'],
        ['tw', 'out', 'm'],
        ['m', 'out', 'tw'],
      ],
    );
    expect(validate(g, registry).map((i) => i.code)).toEqual(['cycle-without-wait']);
  });
  it('explains filters without a value', () => {
    const g = journeyGraph(
      [
        ['t', 'trigger-event', { event: 'A', where: [{ path: 'price', op: 'greaterThan' }, { path: 'city', op: 'in', value: 'Hà Nội' }] }],
        ['x', 'exit', {}],
      ],
      [['t', 'out', 'x']],
    );
    expect(validate(g, registry)).toEqual([
      { nodeId: 't', path: 'where.0.value', code: 'invalid-config', message: 'Enter a value for "is more than"', text: { vi: 'Hãy nhập giá trị cho "lớn hơn"', en: 'Enter a value for "is more than"' } },
      { nodeId: 't', path: 'where.1.value', code: 'invalid-config', message: 'Give a list of values for "is one of"', text: expect.objectContaining({ vi: expect.stringContaining('là một trong') }) },
    ]);
  });
});
