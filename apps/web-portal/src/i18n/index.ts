import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { account } from '../pages/account/messages';
import { admin } from '../pages/admin/messages';
import { lead } from '../pages/lead/messages';
import { publicPages } from '../pages/public/messages';
import { reviewer } from '../pages/reviewer/messages';
import { sme } from '../pages/sme/messages';
import { common } from './common';

export type Language = 'zh' | 'en';
const LANGUAGE_KEY = 'jiebang.lang';

const namespaces = { common, public: publicPages, lead, sme, reviewer, admin, account };

/** Chinese by default; English when chosen (remembered in localStorage) or `?lang=en`. */
export function initialLanguage(): Language {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (fromQuery === 'en' || fromQuery === 'zh') return fromQuery;
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(language);
}

export function initI18n(language: Language = initialLanguage()): typeof i18next {
  const resources: Record<string, Record<string, object>> = { zh: {}, en: {} };
  for (const [ns, messages] of Object.entries(namespaces)) {
    resources.zh[ns] = messages.zh;
    resources.en[ns] = messages.en;
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    // English falls back to Chinese where a minor page has no translation yet.
    fallbackLng: 'zh',
    ns: Object.keys(namespaces),
    defaultNS: 'common',
    fallbackNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  dayjs.locale(language === 'zh' ? 'zh-cn' : 'en');
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return i18next;
}
