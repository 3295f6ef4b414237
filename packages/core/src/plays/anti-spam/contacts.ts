import { type Hit, hit } from './hit.js';
import { KeywordMatcher } from './keywords.js';
import { isAsciiAlnum, isAsciiLetter, type NormalisedText } from './normalise.js';
import { digitRuns } from './numbers.js';

type Kind = 'wechat' | 'qq' | 'solicit';

const cross = (a: readonly string[], b: readonly string[]): string[] => a.flatMap((x) => b.map((y) => x + y));

/** 加微 and its homophones (佳喂, 伽韦, 家薇…): jiā + wēi, written every way spammers write it. */
const ADD = ['加', '佳', '伽', '家', '嘉', '茄', '珈'];
const WEI = ['微', '薇', '威', '喂', '韦', '维', '卫', '唯', '徽', '危', '巍', '葳', 'v', 'vx', 'wx'];

/** Words that name a WeChat account; an id after them is a WeChat id. */
export const WECHAT_WORDS: readonly string[] = [
  '微信',
  '薇信',
  '威信',
  '维信',
  '徽信',
  '微心',
  '卫星号',
  'v信',
  'vx',
  'wx',
  'vx号',
  'weixin',
  'wechat',
  '微号',
  '薇号',
  ...cross(ADD, WEI),
];
/** Words that name a QQ account; a 5–11 digit number next to them is a QQ number. */
export const QQ_WORDS: readonly string[] = [
  'qq',
  '扣扣',
  '扣号',
  '抠抠',
  '寇寇',
  '蔻蔻',
  '口口',
  '企鹅',
  '球球',
  '秋秋',
  'q号',
  '加q',
  '加扣',
  '加口',
  '加企鹅',
];
/** Asking to be contacted elsewhere: enough on its own, even without an id. */
export const SOLICIT_PHRASES: readonly string[] = [
  '加我微信',
  '加微信',
  '加v',
  '加vx',
  '加wx',
  '加扣扣',
  '加qq',
  '加我qq',
  '私聊我',
  '私信我',
  '看我头像',
  '点我头像',
  '看我主页',
  '看我资料',
  '加我好友',
  '有意私聊',
  '有需要私聊',
  '需要的私聊',
  '的私聊',
];

/** The three dictionaries, compiled on first use. */
let matchers: { wechat: KeywordMatcher<Kind>; qq: KeywordMatcher<Kind>; solicit: KeywordMatcher<Kind> } | undefined;
const compiled = () => {
  const build = (words: readonly string[], data: Kind) =>
    new KeywordMatcher<Kind>(
      words.map((keyword) => ({ keyword, data })),
      'letter',
    );
  matchers ??= {
    wechat: build(WECHAT_WORDS, 'wechat'),
    qq: build(QQ_WORDS, 'qq'),
    solicit: build(SOLICIT_PHRASES, 'solicit'),
  };
  return matchers;
};

/** Up to this many non-Latin characters may stand between a keyword and its id (号, 是, 联系我…). */
const FILLER = 4;
const WECHAT_ID_MIN = 6;
const WECHAT_ID_MAX = 20;

/** The Latin/digit run starting at or shortly after `from` in the compact text. */
const idAfter = (compact: string, from: number): string | undefined => {
  let i = from;
  while (i < compact.length && i - from < FILLER && !isAsciiAlnum(compact[i])) i += 1;
  if (!isAsciiAlnum(compact[i])) return undefined;
  let j = i;
  while (j < compact.length && isAsciiAlnum(compact[j]) && j - i <= WECHAT_ID_MAX) j += 1;
  return compact.slice(i, j);
};

const isWechatId = (id: string, latinKeyword: boolean): boolean => {
  if (id.length < WECHAT_ID_MIN || id.length > WECHAT_ID_MAX) return false;
  if (/^[0-9]+$/.test(id)) return id.length <= 11;
  // Latin keywords ("vx abc") are too easily ordinary words: their id needs a digit.
  return isAsciiLetter(id[0]) && (!latinKeyword || /[0-9]/.test(id));
};

/** `+v`, `+vx`, `+q`, `+口`: the plus sign is gone from the compact text, so it is read from `text`. */
const plusKeywords = (n: NormalisedText): { kind: Kind; word: string; compactEnd: number }[] => {
  const out: { kind: Kind; word: string; compactEnd: number }[] = [];
  let from = 0;
  for (;;) {
    const p = n.text.indexOf('+', from);
    if (p < 0) return out;
    from = p + 1;
    let i = p + 1;
    while (n.text[i] === ' ') i += 1;
    let j = i;
    while (isAsciiLetter(n.text[j])) j += 1;
    let word = n.text.slice(i, j);
    if (j === i && (n.text[i] === '口' || n.text[i] === '扣')) {
      word = n.text[i] ?? '';
      j = i + 1;
    }
    const kind: Kind | undefined = ['v', 'vx', 'wx', 'wechat'].includes(word)
      ? 'wechat'
      : ['q', 'qq', '口', '扣'].includes(word)
        ? 'qq'
        : undefined;
    if (kind === undefined) continue;
    out.push({ kind, word: `+${word}`, compactEnd: compactIndexAtOrAfter(n, j) });
  }
};

const compactIndexAtOrAfter = (n: NormalisedText, textIndex: number): number => {
  let lo = 0;
  let hi = n.compactAt.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((n.compactAt[mid] ?? 0) < textIndex) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const QQ_MIN = 5;
const QQ_MAX = 11;
/** How far (compact characters) a QQ number may sit after / before its keyword. */
const QQ_AFTER = 6;
const QQ_BEFORE = 3;

/**
 * WeChat ids and QQ numbers next to the words that name them (微信号 sx111505, 扣扣 2096209202,
 * +v abc123, 伽韦 sx111505), and phrases asking to be contacted elsewhere (加我微信, 私聊我…).
 */
export const detectContacts = (n: NormalisedText, options: { solicitation: boolean }): Hit[] => {
  const hits: Hit[] = [];
  const add = (detail: string) => {
    if (!hits.some((h) => h.detail === detail)) hits.push(hit('contact', detail));
  };
  const { wechat, qq, solicit } = compiled();
  const keywords = [
    ...wechat.find(n).map((m) => ({ kind: m.data, word: m.keyword, start: m.start, end: m.end })),
    ...qq.find(n).map((m) => ({ kind: m.data, word: m.keyword, start: m.start, end: m.end })),
    ...plusKeywords(n).map((k) => ({ ...k, start: k.compactEnd, end: k.compactEnd })),
  ];
  const runs = keywords.some((k) => k.kind === 'qq') ? digitRuns(n) : [];
  for (const k of keywords) {
    if (k.kind === 'wechat') {
      const id = idAfter(n.compact, k.end);
      if (id !== undefined && isWechatId(id, /^[+a-z]+$/.test(k.word))) add(`wechat:${id}`);
      continue;
    }
    const number = runs.find(
      (r) =>
        r.digits.length >= QQ_MIN &&
        r.digits.length <= QQ_MAX &&
        ((r.start >= k.end && r.start - k.end <= QQ_AFTER) || (r.end <= k.start && k.start - r.end <= QQ_BEFORE)),
    );
    if (number) add(`qq:${number.digits}`);
  }
  if (options.solicitation && hits.length === 0) {
    const phrase = solicit.find(n)[0];
    if (phrase) add(`solicit:${phrase.keyword}`);
  }
  return hits;
};
