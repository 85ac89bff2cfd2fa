/**
 * Texts through i18next: Norwegian bokmål by default, English as the second language. The
 * choice is kept in localStorage (it is not personal data) and sets <html lang>. English is a
 * chunk of its own, loaded when chosen (or before the first render when it was chosen before),
 * so that bokmål users do not download it with the first screen (budget: 200 KB gz).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
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
  resources: { nb: { translation: nb } },
  lng: 'nb',
  fallbackLng: 'nb',
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

const setHtmlLang = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
};
setHtmlLang(i18next.language);
i18next.on('languageChanged', setHtmlLang);

/** Adds the English texts once (their own chunk). */
export async function loadEnglish(): Promise<void> {
  if (i18next.hasResourceBundle('en', 'translation')) return;
  const { en } = await import('./en');
  i18next.addResourceBundle('en', 'translation', en);
}

async function switchLanguage(lng: Language): Promise<void> {
  if (lng === 'en') await loadEnglish();
  await i18next.changeLanguage(lng);
}

/** Settles when the stored language's texts are there: the app renders after it. */
export const languageReady: Promise<void> = switchLanguage(storedLanguage()).catch(() => undefined);

export function changeLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts this page only.
  }
  // If the English chunk cannot be fetched (offline), the page stays in bokmål.
  void switchLanguage(lng).catch(() => undefined);
}

export default i18next;
