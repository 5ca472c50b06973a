import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useLocale } from '../i18n/LocaleProvider';

/** Toggles zh-CN ⇄ English; the choice is kept in localStorage. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useLocale();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      icon={<TranslationOutlined aria-hidden />}
      onClick={() => setLocale(next)}
      aria-label={t('lang.switchTo')}
      title={t('lang.switchTo')}
    >
      <span lang={next} className="zt-lang-text">
        {next === 'en' ? 'English' : '中文'}
      </span>
    </Button>
  );
}
