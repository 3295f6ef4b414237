import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listNames, renderTemplate } from './index.js';

describe('templates', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(
      renderTemplate('🎉 恭喜 {name} 升级为 Lv{level}「{title}」！', { name: '张三', level: 3, title: '热心成员' }),
    ).toBe('🎉 恭喜 张三 升级为 Lv3「热心成员」！');
    expect(renderTemplate('{name} {nmae} {} {name}', { name: 'Ann' })).toBe('Ann {nmae} {} Ann');
  });

  // Templates are split once and remembered; what comes out must be what a plain replace gives.
  it('renders as a replace over the template would, whatever the template', () => {
    const piece = fc.oneof(
      fc.constantFrom('{name}', '{streak}', '{missing}', '{', '}', '{{name}}', '{constructor}', '$&', '$1', '打卡'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.string(), fc.integer(), (pieces, name, streak) => {
        const template = pieces.join('');
        const values = { name, streak };
        const expected = template.replace(/\{(\w+)\}/g, (whole, key: string) =>
          String((values as Record<string, unknown>)[key] ?? whole),
        );
        expect(renderTemplate(template, values)).toBe(expected);
        expect(renderTemplate(template, values)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('lists names the way each language does', () => {
    expect(listNames('zh-CN', ['张三', '李四', '王五'], 20)).toBe('张三、李四和王五');
    expect(listNames('en', ['Ann', 'Bob', 'Cy'], 2)).toBe('Ann, Bob and 1 other');
  });
});
