// The customer's preference page as plain server-rendered HTML: Vietnamese by default, English
// on request, one checkbox per subscription group and per channel, usable with a keyboard and a
// screen reader, no script. Every value shown is escaped.
import type { CustomerConsent } from '@braid/channels';

export type Lang = 'vi' | 'en';

export const langOf = (value: string | undefined): Lang => (value === 'en' ? 'en' : 'vi');

const TEXT = {
  vi: {
    title: 'Tùy chọn nhận tin',
    intro: (shop: string) => `Chọn những tin bạn muốn nhận từ ${shop}. Bỏ chọn để ngừng nhận.`,
    groups: 'Nhóm tin',
    channels: 'Tất cả tin tiếp thị theo kênh',
    channelLabel: (c: string) => `Nhận tin tiếp thị qua ${c}`,
    save: 'Lưu lựa chọn',
    unsubscribeAll: 'Hủy nhận tất cả tin tiếp thị',
    saved: 'Đã lưu lựa chọn của bạn.',
    unsubscribed: 'Bạn đã hủy đăng ký. Bạn sẽ không nhận những tin này nữa.',
    transactional: 'Tin về đơn hàng và thanh toán của bạn vẫn được gửi.',
    none: 'Cửa hàng chưa có nhóm tin nào.',
    invalidTitle: 'Liên kết không hợp lệ',
    invalid: 'Liên kết này bị hỏng hoặc không do cửa hàng gửi. Không có thay đổi nào được thực hiện.',
    switchTo: 'English',
    optIn: 'Chỉ gửi khi bạn đồng ý',
  },
  en: {
    title: 'Message preferences',
    intro: (shop: string) => `Choose what you want to receive from ${shop}. Untick to stop.`,
    groups: 'Lists',
    channels: 'All marketing by channel',
    channelLabel: (c: string) => `Marketing messages by ${c}`,
    save: 'Save my choices',
    unsubscribeAll: 'Unsubscribe from all marketing',
    saved: 'Your choices are saved.',
    unsubscribed: 'You are unsubscribed. You will not receive these messages any more.',
    transactional: 'Messages about your orders and payments still reach you.',
    none: 'This shop has no lists yet.',
    invalidTitle: 'Invalid link',
    invalid: 'This link is damaged or was not sent by this shop. Nothing was changed.',
    switchTo: 'Tiếng Việt',
    optIn: 'Only with your consent',
  },
} as const;

const CHANNEL_NAMES: Record<string, string> = { email: 'Email', sms: 'SMS', messenger: 'Messenger', zalo: 'Zalo', web: 'Web', push: 'Push' };

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function layout(lang: Lang, title: string, body: string, switchHref?: string): string {
  const t = TEXT[lang];
  const other = lang === 'vi' ? 'en' : 'vi';
  const switcher = switchHref ? `<p class="lang"><a href="${escapeHtml(switchHref)}" hreflang="${other}" lang="${other}">${t.switchTo}</a></p>` : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}
fieldset{border:1px solid #d0d7de;border-radius:8px;margin:1rem 0;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:flex;gap:.5rem;align-items:flex-start;padding:.35rem 0}
input[type=checkbox]{width:1.2rem;height:1.2rem;margin-top:.15rem}
.hint{display:block;color:#57606a;font-size:.9rem}
button{font:inherit;padding:.55rem 1rem;border-radius:6px;border:1px solid #1f2328;background:#1f2328;color:#fff;margin:.25rem .5rem .25rem 0;cursor:pointer}
button.secondary{background:#fff;color:#1f2328}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.status{background:#dafbe1;border:1px solid #4ac26b;border-radius:6px;padding:.5rem .75rem}
.lang{text-align:right}
</style>
</head>
<body>
${switcher}<main>
${body}
</main>
</body>
</html>`;
}

export type PreferencePageInput = {
  lang: Lang;
  shopName: string;
  consent: CustomerConsent;
  /** Channels offered channel-wide: those of the groups, of the link, and of any earlier answer. */
  channels: string[];
  /** Where the form posts and the language switch points (the token's path). */
  action: string;
  self: string;
  notice?: 'saved' | 'unsubscribed';
};

export function preferencePage(p: PreferencePageInput): string {
  const t = TEXT[p.lang];
  const notice = p.notice ? `<p class="status" role="status">${p.notice === 'saved' ? t.saved : t.unsubscribed} ${t.transactional}</p>` : '';
  const groups = p.consent.groups
    .map((g, i) => {
      const hint = [CHANNEL_NAMES[g.group.channel] ?? g.group.channel, g.group.description ?? '', g.group.mode === 'opt_in' ? t.optIn : ''].filter(Boolean).map(escapeHtml).join(' · ');
      return `<input type="hidden" name="shown_group" value="${escapeHtml(g.group.id)}">
<label for="g${i}"><input type="checkbox" id="g${i}" name="group" value="${escapeHtml(g.group.id)}"${g.status === 'subscribed' ? ' checked' : ''} aria-describedby="g${i}-hint"><span>${escapeHtml(g.group.name)}<span class="hint" id="g${i}-hint">${hint}</span></span></label>`;
    })
    .join('\n');
  const channelRows = p.channels
    .map((c, i) => {
      const stopped = p.consent.channels.some((x) => x.channel === c && x.status === 'unsubscribed');
      return `<input type="hidden" name="shown_channel" value="${escapeHtml(c)}">
<label for="c${i}"><input type="checkbox" id="c${i}" name="channel" value="${escapeHtml(c)}"${stopped ? '' : ' checked'}><span>${escapeHtml(t.channelLabel(CHANNEL_NAMES[c] ?? c))}</span></label>`;
    })
    .join('\n');
  const body = `<h1>${t.title}</h1>
${notice}
<p>${escapeHtml(t.intro(p.shopName))}</p>
<form method="post" action="${escapeHtml(p.action)}">
<input type="hidden" name="lang" value="${p.lang}">
<fieldset><legend>${t.groups}</legend>
${groups || `<p>${t.none}</p>`}
</fieldset>
${channelRows ? `<fieldset><legend>${t.channels}</legend>\n${channelRows}\n</fieldset>` : ''}
<button type="submit" name="action" value="save">${t.save}</button>
<button type="submit" name="action" value="unsubscribe_all" class="secondary">${t.unsubscribeAll}</button>
</form>
<p class="hint">${t.transactional}</p>`;
  return layout(p.lang, t.title, body, `${p.self}?lang=${p.lang === 'vi' ? 'en' : 'vi'}`);
}

export function invalidLinkPage(lang: Lang): string {
  const t = TEXT[lang];
  return layout(lang, t.invalidTitle, `<h1>${t.invalidTitle}</h1>\n<p>${t.invalid}</p>`);
}

export function unsubscribedPage(lang: Lang, self: string): string {
  const t = TEXT[lang];
  return layout(lang, t.title, `<h1>${t.title}</h1>\n<p class="status" role="status">${t.unsubscribed}</p>\n<p>${t.transactional}</p>\n<p><a href="${escapeHtml(self)}?lang=${lang}">${t.title}</a></p>`);
}
