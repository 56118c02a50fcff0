import { useEffect, useMemo, useState } from 'preact/hooks';
import { detectLocale, type Locale, translator } from './i18n';
import { getSettings, watchSettings } from './settings';

/** The interface locale: the user's choice in settings, else the browser's language. */
export function useLocale() {
  const [locale, setLocale] = useState<Locale>(() => detectLocale(navigator.languages));
  useEffect(() => {
    const apply = (language: string) =>
      setLocale(language === 'auto' ? detectLocale(navigator.languages) : (language as Locale));
    void getSettings().then((settings) => apply(settings.language));
    return watchSettings((settings) => apply(settings.language));
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // One translator per locale: effects that depend on `t` must not re-run on every render.
  const t = useMemo(() => translator(locale), [locale]);
  return { locale, t };
}
