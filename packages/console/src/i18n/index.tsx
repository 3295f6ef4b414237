import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Language = 'zh-CN' | 'en';
/** A page's strings in both languages; zh-CN is the default and comes first. */
export type Messages<K extends string> = { 'zh-CN': Record<K, string>; en: Record<K, string> };

const STORAGE_KEY = 'qunzhu.language';
const LanguageContext = createContext<{ language: Language; setLanguage: (l: Language) => void }>({
  language: 'zh-CN',
  setLanguage: () => {},
});

const initial = (): Language => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN');

export const LanguageProvider = ({ children }: { children: ReactNode }) => {
  const [language, set] = useState<Language>(initial);
  const setLanguage = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    dayjs.locale(l === 'zh-CN' ? 'zh-cn' : 'en');
    set(l);
  }, []);
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <LanguageContext.Provider value={value}>
      <ConfigProvider
        locale={language === 'zh-CN' ? zhCN : enUS}
        theme={{ token: { colorPrimary: '#1f7a4d', borderRadius: 6 } }}
      >
        {children}
      </ConfigProvider>
    </LanguageContext.Provider>
  );
};

export const useLanguage = () => useContext(LanguageContext);

/** `t('key', {n: 3})` for a page's messages: `{n}` placeholders are filled in. */
export const useT = <K extends string>(messages: Messages<K>) => {
  const { language } = useLanguage();
  return useCallback(
    (key: K, values: Record<string, string | number> = {}) =>
      messages[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)),
    [language, messages],
  );
};

/** Format numbers and times the way the chosen language reads them. */
export const useFormat = () => {
  const { language } = useLanguage();
  return useMemo(() => {
    const number = new Intl.NumberFormat(language);
    const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
    return {
      number: (n: number) => number.format(n),
      percent: (n: number) => percent.format(n),
      dateTime: (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—'),
      date: (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—'),
      fromNow: (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—'),
    };
  }, [language]);
};
