import { Resvg } from '@resvg/resvg-js';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { posterPng, posterSvg, wrapText } from './poster.js';

const poster = {
  title: '双十一邀请有礼：邀请 3 位好友进群',
  text: '邀请好友加入 Ubuntu 中文交流群，满 3 人送社群马克杯，满 10 人送签名书。',
  memberName: 'crimsun <admin>',
  link: 'https://q.example.org/j/ubuntu-cn?ch=campaign-4&ref=m12',
  language: 'zh-CN' as const,
};

describe('campaign poster', () => {
  it('carries a QR code that a reader decodes back to the participant link', () => {
    const svg = posterSvg(poster);
    const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    const decoded = jsQR(new Uint8ClampedArray(image.pixels), image.width, image.height);
    expect(decoded?.data).toBe(poster.link);
  });

  it('escapes what members type into names and texts', () => {
    const svg = posterSvg(poster);
    expect(svg).toContain('crimsun &lt;admin&gt; 邀请你加入');
    expect(svg).not.toContain('<admin>');
    expect(svg).toContain('ch=campaign-4&amp;ref=m12');
  });

  it('renders a PNG', async () => {
    const png = await posterPng(posterSvg({ ...poster, language: 'en' }));
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('wraps CJK by width, keeps newlines and cuts the last allowed line', () => {
    expect(wrapText('邀请好友加入交流群', 4, 5)).toEqual(['邀请好友', '加入交流', '群']);
    expect(wrapText('Invite your friends\n送马克杯', 8, 5)).toEqual(['Invite your', 'friends', '送马克杯']);
    expect(wrapText('https://q.example.org', 5, 9)).toEqual(['https://q', '.example.', 'org']);
    expect(wrapText('一二三四五六七八九十', 3, 2)).toEqual(['一二三', '四五…']);
  });
});
