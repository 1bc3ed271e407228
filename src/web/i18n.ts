import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, nl } from './locales/index.js';
import { setApiLanguage } from './api.js';

export type Lang = 'nl' | 'en';
const STORAGE_KEY = 'naast.language';

function storedLanguage(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'nl' || v === 'en') return v;
  } catch {
    /* storage blocked: fall back to Dutch */
  }
  return 'nl';
}

/** Shows the app in `lang` and remembers it in this browser (for the next visit, also signed out). */
export async function switchLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
  if (lang !== i18next.language) await i18next.changeLanguage(lang);
}

/** nl-NL / en-GB for dates. */
function locale(): string {
  return i18next.language === 'en' ? 'en-GB' : 'nl-NL';
}
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export async function initI18n(): Promise<void> {
  const lng = storedLanguage();
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
    setApiLanguage(l);
  });
  await i18next.use(initReactI18next).init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng,
    fallbackLng: 'nl',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = lng;
  setApiLanguage(lng);
}

export { i18next };
