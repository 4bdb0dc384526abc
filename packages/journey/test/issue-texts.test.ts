// Every problem the journey core reports reads in Vietnamese and English: the canvas shows the
// one in the UI language. Step names are unique and short, so each step can be referred to by name.
import { builtinRegistry } from '@braid/nodes';
import { describe, expect, it } from 'vitest';
import { MAX_STEP_NAME, validate } from '../src';

const node = (id: string, type: string, config: unknown, label?: string) => ({ id, type, typeVersion: type === 'send-message' ? 2 : 1, config, position: { x: 0, y: 0 }, ...(label ? { label } : {}) });

describe('issue texts', () => {
  it('words the journey-wide rules in both languages', () => {
    const issues = validate(
      {
        nodes: [
          node('t1', 'trigger-manual', {}),
          node('t2', 'trigger-manual', {}),
          node('c', 'condition-random-split', { branches: [{ label: 'A', percent: 50 }, { label: 'B', percent: 50 }] }, 'Chia đôi'),
          node('lost', 'exit', { reason: 'x' }),
          node('msg', 'send-message', { channel: 'sms', body: '{{ voucher.code }} {{ nope.x }}' }, 'Tin nhắn'),
        ],
        edges: [
          { id: 'e1', source: 't1', sourcePort: 'out', target: 'c' },
          { id: 'e2', source: 'c', sourcePort: 'A', target: 'msg' },
          { id: 'e3', source: 'msg', sourcePort: 'out', target: 't2' },
        ],
      },
      builtinRegistry,
    );
    const codes = new Set(issues.map((i) => i.code));
    for (const code of ['extra-trigger', 'unconnected-port', 'unreachable', 'unknown-variable', 'bad-edge']) expect(codes, code).toContain(code);
    for (const i of issues) {
      expect(i.text, `${i.code}: ${i.message}`).toBeDefined();
      expect(i.text!.en).toBe(i.message);
      expect(i.text!.vi, i.code).not.toBe(i.text!.en);
    }
    const unconnected = issues.filter((i) => i.code === 'unconnected-port' && i.nodeId === 'c').map((i) => i.text?.vi);
    expect(unconnected).toContain('Nối nhánh "B (50%)" của "Chia đôi" tới bước tiếp theo (dùng bước Kết thúc để rời hành trình)');
    expect(issues.find((i) => i.code === 'unknown-variable' && i.message.includes('voucher'))?.text?.vi).toContain(`"${builtinRegistry.get("issue-voucher")!.label.vi}"`);
  });

  it('refuses two steps with one name and a step name too long to read', () => {
    const issues = validate(
      {
        nodes: [
          node('t', 'trigger-manual', {}, 'Bắt đầu'),
          node('a', 'wait-delay', { duration: { amount: 1, unit: 'days' } }, 'Chờ 1 ngày'),
          node('b', 'wait-delay', { duration: { amount: 2, unit: 'days' } }, 'chờ 1 ngày '),
          node('x', 'exit', { reason: 'xong' }, 'x'.repeat(300_000)),
        ],
        edges: [
          { id: 'e1', source: 't', sourcePort: 'out', target: 'a' },
          { id: 'e2', source: 'a', sourcePort: 'out', target: 'b' },
          { id: 'e3', source: 'b', sourcePort: 'out', target: 'x' },
        ],
      },
      builtinRegistry,
    );
    expect(issues.filter((i) => i.path === 'label').map((i) => [i.nodeId, i.code])).toEqual([
      ['x', 'step-name-too-long'],
      ['a', 'duplicate-step-name'],
      ['b', 'duplicate-step-name'],
    ]);
    expect(issues.find((i) => i.code === 'step-name-too-long')?.text?.vi).toBe(`Tên bước tối đa ${MAX_STEP_NAME} ký tự (đang có 300000)`);
  });
});
