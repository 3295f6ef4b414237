import { Select } from 'antd';
import { common } from '../i18n/common.js';
import { type Language, useLanguage, useT } from '../i18n/index.js';

export const LanguageSwitch = () => {
  const { language, setLanguage } = useLanguage();
  const t = useT(common);
  return (
    <Select<Language>
      aria-label={t('language')}
      data-testid="language-switch"
      value={language}
      onChange={setLanguage}
      style={{ width: 110 }}
      options={[
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
};
