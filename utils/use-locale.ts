import { useEffect, useMemo } from 'preact/hooks';
import { detectLocale, type Locale, translator } from './i18n';
import { useSettings } from './use-settings';

/** The interface locale: the user's choice in settings, else the browser's language. */
export function useLocale() {
  const language = useSettings()?.language ?? 'auto';
  const locale: Locale = language === 'auto' ? detectLocale(navigator.languages) : language;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // One translator per locale: effects that depend on `t` must not re-run on every render.
  const t = useMemo(() => translator(locale), [locale]);
  return { locale, t };
}
