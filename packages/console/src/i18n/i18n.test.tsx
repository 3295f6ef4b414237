// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { common } from './common.js';
import { LanguageProvider, useT } from './index.js';

const wrapper = ({ children }: { children: ReactNode }) => <LanguageProvider>{children}</LanguageProvider>;

describe('i18n', () => {
  it('speaks zh-CN by default and fills placeholders', () => {
    localStorage.clear();
    const { result } = renderHook(() => useT(common), { wrapper });
    expect(result.current('overview')).toBe('概览');
    expect(result.current('needsRole', { role: '管理员' })).toBe('需要「管理员」或更高角色');
  });

  it('remembers English', () => {
    localStorage.setItem('qunzhu.language', 'en');
    const { result } = renderHook(() => useT(common), { wrapper });
    expect(result.current('overview')).toBe('Overview');
  });

  it('has every key in both languages', () => {
    expect(Object.keys(common.en).sort()).toEqual(Object.keys(common['zh-CN']).sort());
  });
});
