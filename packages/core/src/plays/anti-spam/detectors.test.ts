import { describe, expect, it } from 'vitest';
import { BannedWords } from './banned-words.js';
import { DEFAULT_BANNED_WORDS } from './config.js';
import { detectContacts } from './contacts.js';
import { detectCrossGroup, textKey } from './cross-group.js';
import { detectFlood } from './flood.js';
import { detectLinks } from './links.js';
import { detectNewcomer, isForwarded } from './newcomer.js';
import { normalise } from './normalise.js';
import { detectPhones } from './phones.js';

const details = (hits: { detail: string }[]) => hits.map((h) => h.detail);

describe('links', () => {
  it.each([
    ['a URL with a scheme', 'Quad: http://www.vorbis.com/', ['www.vorbis.com']],
    ['a bare domain', 'nice, ubuntuguide.org', ['ubuntuguide.org']],
    ['t.me', '进群 t.me/hao123group1', ['t.me']],
    ['full-width letters and dots', 'ｉ４ｉＳ４．ＴＯＰ菟费', ['i4is4.top']],
    ['an ideographic full stop as the dot', '网址 abc123。com 看', ['abc123.com']],
    ['a bracketed dot', 'go to evil[.]xyz now', ['evil.xyz']],
    ['www without a known TLD', 'www.example.zz', ['www.example.zz']],
    ['a custom scheme', 'vmess://abc@host.example:443', ['host.example']],
    ['one hit per host', 'pastebin.com/1 and pastebin.com/2', ['pastebin.com']],
  ])('finds %s', (_name, text, hosts) => {
    expect(details(detectLinks(normalise(text), []))).toEqual(hosts);
  });

  it.each([
    ['file names', 'edit /etc/X11/xorg.conf and sources.list then menu.lst'],
    ['versions and library names', 'linux-headers-2.6.8.1-4 libfoo.so.6 node.js'],
    ['abbreviations', 'e.g. this, i.e. that'],
    ['an email address', 'mail me at someone@example.com'],
    ['a version before a TLD-like word', 'we are at 1.5.com'],
    ['sentences without a space after the stop', 'ok.so we go'],
  ])('ignores %s', (_name, text) => {
    expect(detectLinks(normalise(text), [])).toEqual([]);
  });

  it('lets allowlisted domains and their subdomains through', () => {
    const n = normalise('see http://packages.ubuntu.com/x and https://evil.top/ and ubuntu.com.evil.cn');
    expect(details(detectLinks(n, ['ubuntu.com']))).toEqual(['evil.top', 'ubuntu.com.evil.cn']);
  });
});

describe('phone numbers', () => {
  it.each([
    ['plain', '微信号18762258554', ['18762258554']],
    ['split by dashes', '153-6322-7777', ['15363227777']],
    ['split by spaces', '18683 583314擦妹', ['18683583314']],
    ['with +86', '+86 138 1234 5678', ['13812345678']],
    ['full-width digits', '１３８１２３４５６７８', ['13812345678']],
    ['circled digits', '①③⑧①②③④⑤⑥⑦⑧', ['13812345678']],
    ['keycap emoji', '1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣', ['13812345678']],
    ['emoji between digits', '1🌹3🌹8🌹1234🌹5678', ['13812345678']],
    ['Chinese numerals', '一三八一二三四五六七八', ['13812345678']],
    ['capital numerals', '壹叁捌壹贰叁肆伍陆柒捌', ['13812345678']],
    ['letter o for zero', '138o0001111', ['13800001111']],
  ])('finds one %s', (_name, text, phones) => {
    expect(details(detectPhones(normalise(text)))).toEqual(phones);
  });

  it.each([
    ['a landline-length number', '电话 010-1234567'],
    ['a 12-digit run', '138123456789'],
    ['a number not starting 1[3-9]', '12812345678'],
    ['a date and time', '2005-06-12 13:45'],
    ['an IP address', '192.168.100.123'],
    ['words with o and l', 'hello lol 13 oo ll'],
  ])('ignores %s', (_name, text) => {
    expect(detectPhones(normalise(text))).toEqual([]);
  });
});

describe('contact details', () => {
  const on = { solicitation: true };
  it.each([
    ['a QQ number after 扣号', '啰妹扣号2096209202', ['qq:2096209202']],
    ['a QQ number before +口', '9787 98907+口看', ['qq:978798907']],
    ['a QQ number after 企鹅 with symbols between', '企.鹅: 7 5 2 7 5 3 6 3 6', ['qq:752753636']],
    ['a WeChat id after 佳喂', '佳喂：sx111505可越dl', ['wechat:sx111505']],
    ['a WeChat id after 伽韦', '伽韦 sx111505 珂视频', ['wechat:sx111505']],
    ['a WeChat id after v信', 'V信: abc_123x', ['wechat:abc123x']],
    ['a WeChat id after spaced v x', '加 v.x abc2024', ['wechat:abc2024']],
    ['+v with an id', '有需要的 +v sx111505', ['wechat:sx111505']],
    ['a phone number as a WeChat id', '微信号18762258554', ['wechat:18762258554']],
    ['traditional characters', '薇信號 abcd1234', ['wechat:abcd1234']],
    ['solicitation without an id', '想买信誉好看篇的私聊我有保证', ['solicit:的私聊']],
    ['solicitation with 加我微信', '有兴趣加我微信', ['solicit:加我微信']],
  ])('finds %s', (_name, text, found) => {
    expect(details(detectContacts(normalise(text), on))).toEqual(found);
  });

  it.each([
    ['a word glued to wx', 'wxpython 2.6 is out'],
    ['a word glued to vx', 'i use vxworks123 at work'],
    ['an English word after vx (no digit)', 'vx: please'],
    ['qq without a number', 'qq is a chat program'],
    ['a penguin', '这只企鹅很可爱'],
    ['dev xorg (a keyword across words)', 'dev xorg 7.0'],
  ])('ignores %s', (_name, text) => {
    expect(detectContacts(normalise(text), on)).toEqual([]);
  });

  it('leaves bare solicitation alone when switched off', () => {
    expect(detectContacts(normalise('有意私聊'), { solicitation: false })).toEqual([]);
    expect(detectContacts(normalise('有意私聊'), on)).toHaveLength(1);
  });
});

describe('banned words', () => {
  const words = new BannedWords(['裸聊', 'sex', '代開發票']);
  it.each([
    ['as written', '免费裸聊', ['裸聊']],
    ['with symbols between', '裸.聊 裸 聊', ['裸聊']],
    ['with emoji between', '裸💋聊', ['裸聊']],
    ['a traditional word given in traditional', '代开发票找我', ['代開發票']],
    ['in traditional when given in simplified', '來裸聊', ['裸聊']],
    ['a Latin word whole', 'free sex here', ['sex']],
    ['a Latin word spaced out', 'free s.e.x here', ['sex']],
    ['a Latin word in full-width', 'ＳＥＸ', ['sex']],
  ])('matches %s', (_name, text, found) => {
    expect(details(words.detect(normalise(text)))).toEqual(found);
  });

  it.each([
    ['inside an English word', 'Essex is a county'],
    ['across two words', 'this exchange works'],
    ['a longer word', 'sexy'],
  ])('does not match %s', (_name, text) => {
    expect(words.detect(normalise(text))).toEqual([]);
  });

  it('ships a default list that matches disguised porn and gambling ads', () => {
    const defaults = new BannedWords(DEFAULT_BANNED_WORDS);
    expect(details(defaults.detect(normalise('鰠 ＴＡＤ７６５☀☀日批666666')))).toEqual(['日批']);
    expect(details(defaults.detect(normalise('百.家.樂 網賭')))).toEqual(['百家乐', '网赌']);
    expect(defaults.detect(normalise('今天天气不错'))).toEqual([]);
  });

  it('matches nothing with an empty list', () => {
    expect(new BannedWords([]).detect(normalise('裸聊'))).toEqual([]);
  });
});

describe('flood', () => {
  const limit = { messages: 3, seconds: 10 };
  it('flags the messages past the limit within the window, and forgets what left it', () => {
    let window: number[] = [];
    const flagged: number[] = [];
    for (const t of [0, 1000, 2000, 3000, 4000, 20_000, 21_000]) {
      const r = detectFlood(window, t, limit);
      window = r.window;
      if (r.hits.length > 0) flagged.push(t);
    }
    expect(flagged).toEqual([3000, 4000]);
    expect(window).toEqual([20_000, 21_000]);
  });

  it('keeps at most messages + 1 times', () => {
    let window: number[] = [];
    for (let t = 0; t < 50; t += 1) window = detectFlood(window, t, limit).window;
    expect(window).toHaveLength(4);
  });
});

describe('cross-group copies', () => {
  const limit = { seconds: 600, groups: 2 };
  it('flags the copy in a second group within the window, not the first copy or a repeat in one group', () => {
    let seen = detectCrossGroup([], 1, 0, limit);
    expect(seen.hits).toEqual([]);
    seen = detectCrossGroup(seen.seen, 1, 1000, limit);
    expect(seen.hits).toEqual([]);
    const second = detectCrossGroup(seen.seen, 2, 2000, limit);
    expect(second.hits.map((h) => h.reason)).toEqual(['cross_group']);
    const late = detectCrossGroup([{ g: 1, t: 0 }], 2, 600_000, limit);
    expect(late.hits).toEqual([]);
  });

  it('keys texts that differ only in symbols, width and script alike', () => {
    const key = (s: string) => textKey(normalise(s).compact);
    expect(key('加微 sx111505 看片')).toBe(key('加.微：ＳＸ111505 看-片!!'));
    expect(key('加微 sx111505 看片')).not.toBe(key('加微 sx111506 看片'));
  });
});

describe('newcomer limits', () => {
  const now = new Date('2026-11-02T08:00:00Z');
  const limit = { hours: 24, links: true, forwards: true };
  it('flags links and forwards in the first hours only', () => {
    const joinedAt = new Date('2026-11-02T05:00:00Z');
    const hits = detectNewcomer({ joinedAt, now, linkHosts: ['evil.top'], forwarded: true }, limit);
    expect(hits.map((h) => h.reason)).toEqual(['newcomer_link', 'newcomer_forward']);
    const old = new Date('2026-11-01T07:59:59Z');
    expect(detectNewcomer({ joinedAt: old, now, linkHosts: ['evil.top'], forwarded: true }, limit)).toEqual([]);
    expect(detectNewcomer({ joinedAt: null, now, linkHosts: ['evil.top'], forwarded: true }, limit)).toEqual([]);
    expect(detectNewcomer({ joinedAt, now, linkHosts: [], forwarded: false }, limit)).toEqual([]);
  });

  it('reads a forward from the flag or from Telegram forward fields', () => {
    expect(isForwarded({ forwarded: true })).toBe(true);
    expect(isForwarded({ forward_origin: { type: 'user' } })).toBe(true);
    expect(isForwarded({ forward_from_chat: { id: 1 } })).toBe(true);
    expect(isForwarded({ forwarded: false })).toBe(false);
    expect(isForwarded(undefined)).toBe(false);
  });
});
