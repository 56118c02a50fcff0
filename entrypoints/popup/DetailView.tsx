import { useEffect, useRef } from 'preact/hooks';
import { EntityPage } from '@/components/EntityPage';
import type { Locale, Translate } from '@/utils/i18n';

/** One entity's detail, with a way back: focus starts on Back, and Esc goes back wherever focus is. */
export function DetailView({
  id,
  locale,
  t,
  onBack,
  onOpenEntity,
}: {
  id: string;
  locale: Locale;
  t: Translate;
  onBack: () => void;
  onOpenEntity: (id: string) => void;
}) {
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    back.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, onBack]);
  return (
    <main class="popup detail">
      <h1 class="visually-hidden">{t('appName')}</h1>
      <button ref={back} type="button" class="link back" onClick={onBack}>
        ← {t('back')}
      </button>
      <EntityPage id={id} locale={locale} t={t} onOpenEntity={onOpenEntity} />
    </main>
  );
}
