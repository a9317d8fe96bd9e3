import { useI18n, type Lang } from '../i18n/index.ts';

/** English or Chinese, each button labelled in its own language. */
export function LangSwitch({ onSwitch }: { onSwitch: (lang: Lang) => void }) {
  const { w, lang } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={w.languageLabel}>
      <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => onSwitch('en')}>
        English
      </button>
      <button type="button" lang="zh-CN" aria-pressed={lang === 'zh-CN'} onClick={() => onSwitch('zh-CN')}>
        中文
      </button>
    </div>
  );
}
