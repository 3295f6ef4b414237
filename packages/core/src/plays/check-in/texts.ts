import type { Language } from '../../communities/index.js';

/** Chat replies of the check-in play; `{name}`, `{streak}`, `{total}`, `{day}`, `{cost}`, `{balance}`, `{names}`, `{days}` are filled in. */
export type CheckInTexts = {
  done: string;
  already: string;
  makeUpDone: string;
  makeUpTooPoor: string;
  makeUpNothing: string;
  missed: string;
  stewardAlert: string;
};

export const defaultCheckInTexts: Record<Language, CheckInTexts> = {
  'zh-CN': {
    done: '{name} 打卡成功！已连续打卡 {streak} 天，累计 {total} 天。',
    already: '{name} 今天已经打过卡啦，明天再来～（已连续 {streak} 天）',
    makeUpDone: '{name} 补卡成功（{day}），消耗 {cost} 积分，现在连续 {streak} 天。',
    makeUpTooPoor: '{name} 补卡需要 {cost} 积分，当前只有 {balance} 积分。',
    makeUpNothing: '{name} 最近 {days} 天内没有可以补的卡。',
    missed: '昨天这些伙伴忘了打卡：{names}。今天记得回来哦，还可以补卡～',
    stewardAlert: '{name} 已连续 {days} 天未打卡（上次打卡 {day}），请管家关心一下。',
  },
  en: {
    done: '{name} checked in! Streak: {streak} days, {total} in all.',
    already: '{name}, you have already checked in today — see you tomorrow (streak: {streak}).',
    makeUpDone: '{name} made up the check-in for {day} for {cost} points; streak now {streak} days.',
    makeUpTooPoor: '{name}, a make-up check-in costs {cost} points; you have {balance}.',
    makeUpNothing: '{name}, there is no missed day in the last {days} days to make up.',
    missed: 'These members missed yesterday’s check-in: {names}. Come back today — a make-up is possible.',
    stewardAlert: '{name} has not checked in for {days} days (last on {day}); a steward may want to reach out.',
  },
};
