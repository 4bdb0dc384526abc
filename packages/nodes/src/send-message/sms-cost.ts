// What an SMS costs: characters, encoding and segments. One Vietnamese diacritic moves the whole
// message from GSM-7 (160 characters a segment) to UCS-2 (70), so the panel shows it and the step
// may strip the marks (applied at send time). Isomorphic: the panel and the worker count alike.
import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsCost = {
  characters: number;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Characters that forced UCS-2 (first occurrences, at most 10). */
  unicodeCharacters: string[];
};

export function smsCost(text: string): SmsCost {
  const message = new SegmentedMessage(text, 'auto');
  const encoding = message.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2';
  return {
    characters: message.numberOfCharacters,
    encoding,
    segments: text === '' ? 0 : message.segmentsCount,
    unicodeCharacters: encoding === 'UCS-2' ? [...new Set(message.getNonGsmCharacters())].slice(0, 10) : [],
  };
}

/**
 * Vietnamese without its marks: "Chào Toản, đơn hàng" → "Chao Toan, don hang". NFD splits the
 * tone and vowel marks off their letters; đ/Đ is its own letter, not a mark, so it is mapped.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * Decree 91/2020: an advertising SMS goes out as "[QC] …"; a text that already starts with a QC
 * mark keeps its own. The sending policy applies this rule (`withAdvertisingPrefix` in
 * @braid/channels, held to the same answers by its tests); the panel counts it too, because the
 * mark is paid for like any other character.
 */
export function withAdvertisingMark(body: string): string {
  const text = body.trimStart();
  return /^\[?QC\]?[\s:\-–]/i.test(text) ? text : `[QC] ${text}`;
}

/** Whether a send step's SMS goes out as advertising: not transactional, and not declared customer care (no kind is advertising). */
export function isAdvertisingSms(config: Readonly<Record<string, unknown>>): boolean {
  return config.messageType !== 'transactional' && config.smsPurpose !== 'customer_care';
}
