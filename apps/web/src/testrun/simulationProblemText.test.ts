// What stopped a test run, from the real simulator, said in the UI language with step names.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JourneyIR } from '@braid/sdk';
import { simulate } from '@braid/journey';
import { testRunTextEn, testRunTextVi } from '../i18n/testRunTexts';
import { simulationProblemText } from './simulationProblemText';

beforeAll(async () => {
  await i18next.init({ lng: 'vi', resources: { vi: { translation: { testRunText: testRunTextVi } }, en: { translation: { testRunText: testRunTextEn } } }, interpolation: { escapeValue: false } });
});

const loop: JourneyIR = {
  journeyId: 'j',
  version: 1,
  trigger: { kind: 'manual' },
  start: 'a',
  steps: {
    a: { type: 'branch', id: 'a', condition: { kind: 'randomSplit', weights: [1] }, outputs: [{ port: 'path0', next: 'a' }] },
  },
  nodeOf: { a: 'split-1' },
  exitCriteria: [],
} as unknown as JourneyIR;

describe('simulation problems in words', () => {
  it('names the step by the marketer’s name, in Vietnamese then English', async () => {
    const [p] = simulate(loop, {}).problems;
    expect(p?.code).toBe('loopWithoutWait');
    const names = (id: string) => (id === 'split-1' ? 'Chia đôi khách' : id);
    expect(simulationProblemText(p!, names)).toBe('Khách đi vòng lặp không có bước chờ nào tại “Chia đôi khách”: hãy thêm một bước chờ vào vòng lặp');
    await i18next.changeLanguage('en');
    expect(simulationProblemText(p!, names)).toBe('The customer went round a loop without any wait at “Chia đôi khách”: add a wait in the loop');
    await i18next.changeLanguage('vi');
  });
});
