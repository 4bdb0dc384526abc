// The best-channel step's reason, as the engine logs it, reads in the UI language in the trace.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinRegistry } from '@braid/nodes';
import { compile, simulate } from '@braid/journey';
import { bestChannelReach } from '@braid/journey/fixtures';
import { editorEn, editorVi } from './editor';
import { reasonText } from './journeyWords';

beforeAll(async () => {
  await i18next.init({ lng: 'vi', resources: { vi: { translation: { editorText: editorVi } }, en: { translation: { editorText: editorEn } } }, interpolation: { escapeValue: false } });
});

function loggedReason(): string {
  const r = compile(bestChannelReach, builtinRegistry, { journeyId: 'j', version: 1 });
  if (!r.ok) throw new Error('template does not compile');
  const sim = simulate(r.ir, {
    entryEvent: { name: 'Product Viewed' },
    channelHistory: { reachable: ['zalo', 'email'], channels: [{ channel: 'zalo', sends: 5, opened: 4 }, { channel: 'email', sends: 6, opened: 0 }] },
  });
  return sim.path.find((p) => p.nodeId === 'best-channel' && p.what === 'left')!.reason;
}

describe('best-channel reason in the trace', () => {
  it('shows the branch and the counts in Vietnamese, then in English', async () => {
    const reason = loggedReason();
    await i18next.changeLanguage('vi');
    expect(reasonText('left', reason, (p) => (p === 'zalo' ? 'Zalo' : p))).toBe('đi theo nhánh “Zalo”: Zalo — Zalo: 4 / 5 đã mở trong 30 ngày; Email: 0 / 6 đã mở trong 30 ngày; Messenger: không có địa chỉ');
    await i18next.changeLanguage('en');
    expect(reasonText('left', reason, (p) => (p === 'zalo' ? 'Zalo' : p))).toBe('took the “Zalo” path: Zalo — Zalo: 4 / 5 opened in 30 days; Email: 0 / 6 opened in 30 days; Messenger: no address');
  });

  it('leaves other branch reasons as they were', async () => {
    await i18next.changeLanguage('vi');
    expect(reasonText('left', 'engagement opened → no (no)', (p) => (p === 'no' ? 'Không' : p))).toBe('đi theo nhánh “Không”');
  });
});
