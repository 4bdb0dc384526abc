// API errors read in the UI language: the server's English message is replaced by the words
// for its code; an unknown code still says something, with the server's words.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { editorEn, editorVi } from '../i18n/editor';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';
import { describeError } from './describeError';

beforeAll(async () => {
  await i18next.init({
    lng: 'vi',
    resources: { vi: { translation: { ...vi, editorText: editorVi } }, en: { translation: { ...en, editorText: editorEn } } },
    interpolation: { escapeValue: false },
  });
});

describe('API errors in the UI language', () => {
  it('words known codes in Vietnamese, naming the fields of a bad request', () => {
    const t = i18next.getFixedT('vi');
    expect(describeError(new ApiError(409, { code: 'archived', message: 'Journey is archived' }), t)).toBe(editorVi.apiError.archived);
    expect(describeError(new ApiError(400, { code: 'invalid_request', message: 'Invalid', details: [{ field: 'name', message: 'Required' }] }), t)).toBe(`${editorVi.apiError.invalid_request} (trường: name)`);
    expect(describeError(new ApiError(0, { code: 'network', message: 'network' }), t)).toBe(vi.errors.network);
  });

  it('falls back to the server words for a code it does not know', () => {
    const t = i18next.getFixedT('en');
    expect(describeError(new ApiError(418, { code: 'teapot', message: 'I am a teapot' }), t)).toBe('Something went wrong: I am a teapot');
  });
});
