/**
 * Texts through i18next: Norwegian bokmål by default, English as the second language. The
 * choice is kept in localStorage (it is not personal data) and sets <html lang>.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { nb } from './nb';

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'torg.language';

function storedLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'nb';
  } catch {
    return 'nb';
  }
}

void i18next.use(initReactI18next).init({
  resources: { nb: { translation: nb }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'nb',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

const setHtmlLang = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
};
setHtmlLang(i18next.language);
i18next.on('languageChanged', setHtmlLang);

export function changeLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts this page only.
  }
  void i18next.changeLanguage(lng);
}

export default i18next;
