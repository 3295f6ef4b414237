import type { Language } from '@qunzhu/core';

const messages = {
  'zh-CN': {
    scan: '长按识别或扫描二维码，加入群聊',
    validUntil: '二维码有效期至 {time}',
    fullTitle: '群已满员',
    full: '这个活码下的群暂时都已满员或二维码已过期，管理员已收到提醒。请稍后再来。',
    pausedTitle: '活码已停用',
    paused: '这个活码已被管理员停用。',
    missingTitle: '找不到这个活码',
    missing: '请检查链接是否完整，或联系把它发给你的人。',
    poweredBy: '由群主（Qunzhu）提供',
  },
  en: {
    scan: 'Long-press or scan the QR code to join the group',
    validUntil: 'This QR code works until {time}',
    fullTitle: 'The groups are full',
    full: 'Every group behind this code is full or its QR code has expired; the organisers have been told. Please come back later.',
    pausedTitle: 'This code is paused',
    paused: 'The organisers have paused this code.',
    missingTitle: 'No such code',
    missing: 'Check that the link is complete, or ask whoever gave it to you.',
    poweredBy: 'Served by Qunzhu',
  },
} as const satisfies Record<Language, Record<string, string>>;

type Key = keyof (typeof messages)['en'];

/** The visitor's language: the first of zh/en their browser asks for, else the community's. */
export const pageLanguage = (acceptLanguage: string | undefined, community: Language): Language => {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of wanted) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return community;
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const layout = (lang: Language, title: string, body: string) => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",system-ui,sans-serif;background:#f5f5f5;color:#222}
main{max-width:420px;margin:0 auto;padding:32px 20px;text-align:center}
h1{font-size:22px;margin:0 0 8px}
p{color:#555;line-height:1.6}
img{width:100%;max-width:320px;border-radius:8px;background:#fff;padding:12px;box-sizing:border-box}
.group{font-size:17px;font-weight:600;margin:16px 0 4px}
footer{margin-top:32px;font-size:12px;color:#999}
</style>
</head>
<body><main>${body}<footer>${escapeHtml(messages[lang].poweredBy)}</footer></main></body>
</html>`;

const t = (lang: Language, key: Key, vars: Record<string, string> = {}) =>
  messages[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);

/** The page with a group's QR code to scan. */
export const qrPage = (
  lang: Language,
  p: { title: string; groupName: string; imageUrl: string; expiresAt: string | null },
) =>
  layout(
    lang,
    p.title,
    `<h1>${escapeHtml(p.title)}</h1>
<p class="group">${escapeHtml(p.groupName)}</p>
<img src="${escapeHtml(p.imageUrl)}" alt="${escapeHtml(p.groupName)}" data-testid="live-code-qr">
<p>${escapeHtml(t(lang, 'scan'))}</p>
${p.expiresAt ? `<p>${escapeHtml(t(lang, 'validUntil', { time: p.expiresAt }))}</p>` : ''}`,
  );

/** A page with only a message: every group full, the code paused, or no such code. */
export const messagePage = (lang: Language, kind: 'full' | 'paused' | 'missing', title?: string) => {
  const heading = t(lang, `${kind}Title`);
  return layout(
    lang,
    title ?? heading,
    `${title ? `<p class="group">${escapeHtml(title)}</p>` : ''}<h1 data-testid="live-code-${kind}">${escapeHtml(heading)}</h1>
<p>${escapeHtml(t(lang, kind))}</p>`,
  );
};
