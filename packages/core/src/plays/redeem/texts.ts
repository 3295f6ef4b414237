import type { Language } from '../../communities/index.js';

/**
 * Chat replies of the redeem play; `{name}`, `{reward}`, `{cost}`, `{balance}`, `{spendable}`,
 * `{level}`, `{title}`, `{list}`, `{query}`, `{names}` are filled in.
 */
export type RedeemTexts = {
  points: string;
  pointsNoLevel: string;
  list: string;
  listEmpty: string;
  usage: string;
  pending: string;
  approved: string;
  tooPoor: string;
  outOfStock: string;
  notOffered: string;
  notFound: string;
  ambiguous: string;
};

export const defaultRedeemTexts: Record<Language, RedeemTexts> = {
  'zh-CN': {
    points: '{name} 当前积分 {balance}，等级 Lv{level}「{title}」。',
    pointsNoLevel: '{name} 当前积分 {balance}。',
    list: '可兑换的奖品：\n{list}\n发送「兑换 名称或编号」即可兑换。',
    listEmpty: '暂时没有可兑换的奖品。',
    usage: '用法：兑换 奖品名称或编号。发送「兑换列表」查看可兑换的奖品。',
    pending: '{name} 已申请兑换「{reward}」（{cost} 积分），等待管理员审核；审核通过后扣除积分。',
    approved: '{name} 兑换「{reward}」成功，扣除 {cost} 积分，剩余 {balance} 积分。',
    tooPoor: '{name} 积分不足：兑换「{reward}」需要 {cost} 积分，当前可用 {spendable} 积分。',
    outOfStock: '抱歉，「{reward}」已经兑换完了。',
    notOffered: '「{reward}」暂不开放兑换。',
    notFound: '没有找到奖品「{query}」。发送「兑换列表」查看可兑换的奖品。',
    ambiguous: '「{query}」对应多个奖品：{names}。请写全名称或编号。',
  },
  en: {
    points: '{name}: {balance} points, level {level}: {title}.',
    pointsNoLevel: '{name}: {balance} points.',
    list: 'Rewards on offer:\n{list}\nSend “/redeem name or number” to redeem one.',
    listEmpty: 'No rewards are on offer right now.',
    usage: 'Usage: /redeem reward name or number. Send /rewards to see what is on offer.',
    pending:
      '{name}, your request for “{reward}” ({cost} points) awaits a steward’s approval; the points leave on approval.',
    approved: '{name} redeemed “{reward}” for {cost} points; {balance} points left.',
    tooPoor: '{name}, “{reward}” needs {cost} points; you can spend {spendable}.',
    outOfStock: 'Sorry, “{reward}” is out of stock.',
    notOffered: '“{reward}” is not on offer now.',
    notFound: 'There is no reward “{query}”. Send /rewards to see what is on offer.',
    ambiguous: '“{query}” matches several rewards: {names}. Write the full name or the number.',
  },
};

/** One line of the reward list: number, name, cost and what is left. */
export const rewardLine = (
  language: Language,
  r: { id: number; name: string; cost: number; stock: number | null },
): string =>
  language === 'zh-CN'
    ? `#${r.id} ${r.name} — ${r.cost} 积分${r.stock === null ? '' : `（剩 ${r.stock}）`}`
    : `#${r.id} ${r.name} — ${r.cost} points${r.stock === null ? '' : ` (${r.stock} left)`}`;
