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

// A template is split once into text and placeholder names (alternating, text first and last):
// plays render the same few on every reply.
const templates = new Map<string, readonly string[]>();

/** Replace `{key}` placeholders; unknown keys are left as written so an operator sees the typo. */
export const renderTemplate = (template: string, values: Readonly<Record<string, string | number>>): string => {
  let parts = templates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    if (templates.size > 1000) templates.clear();
    templates.set(template, parts);
  }
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string;
    const value = values[key];
    out += (value === undefined || value === null ? `{${key}}` : String(value)) + (parts[i + 1] ?? '');
  }
  return out;
};
