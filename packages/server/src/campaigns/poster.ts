import { type Language, QunzhuError } from '@qunzhu/core';
import QRCode from 'qrcode';

export type PosterInput = {
  title: string;
  text: string;
  memberName: string;
  link: string;
  language: Language;
};

const W = 750;
const H = 1334;
const QR = 420;
// CJK first: a renderer picks the first family it has. PNG rendering needs one of them installed
// (docs/campaigns.md); an SVG is drawn by the viewer's own fonts.
export const POSTER_FONTS =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

const invitedBy: Record<Language, (name: string) => string> = {
  'zh-CN': (name) => `${name} 邀请你加入`,
  en: (name) => `${name} invites you`,
};
const scanHint: Record<Language, string> = {
  'zh-CN': '长按或扫码加入',
  en: 'Scan to join',
};

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] ?? ch);

// A CJK character is about one em wide, Latin about half: enough to wrap a poster's lines.
const charWidth = (ch: string) => ((ch.codePointAt(0) ?? 0) > 0x2e80 ? 1 : 0.55);

/**
 * Break text into lines of at most `em` ems: CJK between any two characters, Latin between words (a
 * word longer than a line is cut). Newlines are kept; past `maxLines` the last line ends with "…".
 */
export const wrapText = (text: string, em: number, maxLines: number): string[] => {
  const lines: string[] = [];
  const width = (s: string) => [...s].reduce((n, ch) => n + charWidth(ch), 0);
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    const tokens = para.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+/gu) ?? [];
    for (const token of tokens.flatMap((t) => (width(t.trimEnd()) > em ? [...t] : [t]))) {
      if (line && width(line + token.trimEnd()) > em) {
        lines.push(line.trimEnd());
        line = token.trimStart();
      } else line += token;
    }
    lines.push(line.trimEnd());
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${[...(kept[maxLines - 1] ?? '')].slice(0, -1).join('')}…`;
  return kept;
};

/** The QR code of `link` as one SVG path of unit squares, with its size in modules. */
export const qrPath = (link: string): { size: number; d: string } => {
  const qr = QRCode.create(link, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (data[y * size + x]) d += `M${x} ${y}h1v1h-1z`;
  }
  return { size, d };
};

/** A participant's poster: the campaign's title and text, who invites, and the QR code of their link. */
export const posterSvg = (p: PosterInput): string => {
  const title = wrapText(p.title, 13, 2);
  const body = wrapText(p.text, 22, 6);
  const { size, d } = qrPath(p.link);
  const scale = QR / size;
  const qrX = (W - QR) / 2;
  const qrY = 700;
  const text = (x: number, y: number, size: number, s: string, extra = '') =>
    `<text x="${x}" y="${y}" font-size="${size}" text-anchor="middle"${extra}>${escapeXml(s)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${POSTER_FONTS}">`,
    `<rect width="${W}" height="${H}" fill="#fff7e6"/>`,
    `<rect x="0" y="0" width="${W}" height="260" fill="#d4380d"/>`,
    ...title.map((line, i) => text(W / 2, 120 + i * 64, 52, line, ' fill="#ffffff" font-weight="bold"')),
    ...body.map((line, i) => text(W / 2, 340 + i * 44, 30, line, ' fill="#262626"')),
    text(W / 2, 650, 34, invitedBy[p.language](p.memberName), ' fill="#d4380d" font-weight="bold"'),
    `<rect x="${qrX - 20}" y="${qrY - 20}" width="${QR + 40}" height="${QR + 40}" rx="16" fill="#ffffff"/>`,
    `<path transform="translate(${qrX} ${qrY}) scale(${scale})" fill="#000000" shape-rendering="crispEdges" d="${d}"/>`,
    text(W / 2, qrY + QR + 70, 28, scanHint[p.language], ' fill="#595959"'),
    text(W / 2, qrY + QR + 110, 18, p.link, ' fill="#8c8c8c"'),
    '</svg>',
  ].join('\n');
};

type Resvg = typeof import('@resvg/resvg-js');
let resvg: Promise<Resvg | null> | undefined;

/**
 * The poster as PNG through resvg (a native module from the npm registry), with the system's fonts
 * and any in QUNZHU_POSTER_FONTS (paths, separated by the platform's path delimiter).
 */
export const posterPng = async (svg: string): Promise<Uint8Array> => {
  resvg ??= import('@resvg/resvg-js').catch(() => null);
  const mod = await resvg;
  if (!mod)
    throw new QunzhuError('unsupported', 'PNG posters need @resvg/resvg-js, which did not load here; use the SVG');
  const fontFiles = (process.env.QUNZHU_POSTER_FONTS ?? '').split(/[:;]/).filter(Boolean);
  const png = new mod.Resvg(svg, {
    font: { loadSystemFonts: true, fontFiles, defaultFontFamily: 'Noto Sans CJK SC' },
    fitTo: { mode: 'width', value: W },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
};
