import type { Language } from '../communities/index.js';

/** Join names the way each language lists them: 张三、李四和王五 / Ann, Bob and Cy. */
export const listNames = (language: Language, names: readonly string[], max: number): string => {
  const shown = names.slice(0, Math.max(1, max));
  const hidden = names.length - shown.length;
  if (language === 'zh-CN') {
    if (hidden > 0) return `${shown.join('、')}等 ${names.length} 人`;
    if (shown.length === 1) return shown[0] ?? '';
    return `${shown.slice(0, -1).join('、')}和${shown.at(-1)}`;
  }
  if (hidden > 0) return `${shown.join(', ')} and ${hidden} ${hidden === 1 ? 'other' : 'others'}`;
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
};

/** Replace `{key}` placeholders; unknown keys are left as written so an operator sees the typo. */
export const renderTemplate = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
