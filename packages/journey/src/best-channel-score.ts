// Which channel a customer answers on best, from their own message history. Pure and isomorphic:
// the worker feeds it stats read in SQL, the simulator feeds it scripted stats, and tests feed it
// random ones. A channel is only a candidate when the customer can be reached on it AND has
// consented to it; history only ranks the candidates.

/** One customer's engagement on one channel. Raw counts for the trace, decayed ones for ranking. */
export type ChannelStats = {
  channel: string;
  /** Messages that reached the provider (sent or better) in the window. */
  sends: number;
  opened: number;
  clicked: number;
  replied: number;
  converted: number;
  /** The same counts, each message weighted by 0.5^(age / half-life). */
  weighted: { sends: number; opened: number; clicked: number; replied: number; converted: number };
  /** Hour of day (0-23, customer's timezone) they answer most often on this channel, if any. */
  answerHour?: number | null;
};

export type BestChannelInput = {
  /** Channels the node offers, in the marketer's order of preference (ties go to the earlier one). */
  offered: readonly string[];
  stats: readonly ChannelStats[];
  reachable: readonly string[];
  consented: readonly string[];
  /** Sends in the window before a channel's history counts. */
  minSends: number;
  windowDays: number;
};

export type ChannelVerdict = {
  channel: string;
  status: 'unreachable' | 'noConsent' | 'tooFewSends' | 'scored';
  sends: number;
  answered: number;
  /** Expected response (0..1 plus depth bonus); null when history does not count. */
  score: number | null;
};

export type BestChannelDecision = {
  /** The chosen channel, or null: take the fallback port. */
  channel: string | null;
  basis: 'history' | 'noHistory' | 'noReachableChannel';
  channels: ChannelVerdict[];
  text: { vi: string; en: string };
};

const LABEL: Record<string, string> = { email: 'Email', sms: 'SMS', zalo: 'Zalo', messenger: 'Messenger', push: 'Push', web: 'Web' };
const label = (c: string) => LABEL[c] ?? c;

/** Answered = opened or deeper (a reply or a click implies they saw it). Depth adds a little on top. */
function expectedResponse(s: ChannelStats): number {
  const w = s.weighted;
  if (w.sends <= 0) return 0;
  const answered = Math.max(w.opened, w.clicked, w.replied);
  return answered / w.sends + (0.25 * w.clicked + 0.5 * w.replied + 1 * w.converted) / w.sends / 10;
}

export function answeredCount(s: Pick<ChannelStats, 'opened' | 'clicked' | 'replied'>): number {
  return Math.max(s.opened, s.clicked, s.replied);
}

export function chooseBestChannel(input: BestChannelInput): BestChannelDecision {
  const reachable = new Set(input.reachable);
  const consented = new Set(input.consented);
  const byChannel = new Map(input.stats.map((s) => [s.channel, s]));
  const channels: ChannelVerdict[] = [...new Set(input.offered)].map((channel) => {
    const s = byChannel.get(channel);
    const sends = s?.sends ?? 0;
    const answered = s ? answeredCount(s) : 0;
    if (!reachable.has(channel)) return { channel, status: 'unreachable', sends, answered, score: null };
    if (!consented.has(channel)) return { channel, status: 'noConsent', sends, answered, score: null };
    if (!s || sends < input.minSends) return { channel, status: 'tooFewSends', sends, answered, score: null };
    return { channel, status: 'scored', sends, answered, score: expectedResponse(s) };
  });
  const candidates = channels.filter((c) => c.status === 'scored' || c.status === 'tooFewSends');
  let chosen: ChannelVerdict | undefined;
  let basis: BestChannelDecision['basis'];
  const scored = channels.filter((c) => c.status === 'scored');
  if (candidates.length === 0) basis = 'noReachableChannel';
  else if (scored.length === 0) {
    // Nobody knows yet: the marketer's first reachable, consented channel, said as such.
    basis = 'noHistory';
    chosen = candidates[0];
  } else {
    basis = 'history';
    // Strictly greater keeps the earlier offered channel on a tie.
    chosen = scored.reduce((best, c) => ((c.score ?? 0) > (best.score ?? 0) ? c : best));
  }
  return { channel: chosen?.channel ?? null, basis, channels, text: explain(input, channels, basis, chosen?.channel ?? null) };
}

function explain(input: BestChannelInput, channels: ChannelVerdict[], basis: BestChannelDecision['basis'], chosen: string | null): { vi: string; en: string } {
  const part = (c: ChannelVerdict, lang: 'vi' | 'en') => {
    const name = label(c.channel);
    if (c.status === 'unreachable') return lang === 'vi' ? `${name}: không có địa chỉ` : `${name}: no address`;
    if (c.status === 'noConsent') return lang === 'vi' ? `${name}: chưa đồng ý nhận` : `${name}: not subscribed`;
    const counts = `${c.answered} / ${c.sends}`;
    if (c.status === 'tooFewSends') return lang === 'vi' ? `${name}: ${counts} (chưa đủ ${input.minSends} lần gửi)` : `${name}: ${counts} (fewer than ${input.minSends} sends)`;
    return lang === 'vi' ? `${name}: ${counts} đã mở trong ${input.windowDays} ngày` : `${name}: ${counts} opened in ${input.windowDays} days`;
  };
  const facts = (lang: 'vi' | 'en') => channels.map((c) => part(c, lang)).join('; ');
  if (basis === 'noReachableChannel')
    return { vi: `Không liên lạc được qua kênh nào — ${facts('vi')}`, en: `No reachable, subscribed channel — ${facts('en')}` };
  const name = label(chosen ?? '');
  if (basis === 'noHistory')
    return { vi: `${name}: chưa đủ dữ liệu, chọn kênh đầu tiên liên lạc được — ${facts('vi')}`, en: `${name}: not enough history, first reachable channel — ${facts('en')}` };
  return { vi: `${name} — ${facts('vi')}`, en: `${name} — ${facts('en')}` };
}

/** The hour they answer most across channels (ties: the earlier hour), else null. */
export function usualAnswerHour(hours: readonly { hour: number; answers: number }[]): number | null {
  let best: { hour: number; answers: number } | null = null;
  for (const h of hours) if (h.answers > 0 && (!best || h.answers > best.answers || (h.answers === best.answers && h.hour < best.hour))) best = h;
  return best ? best.hour : null;
}
