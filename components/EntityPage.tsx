import { useEffect, useState } from 'preact/hooks';
import { citationView } from '@/utils/entity-view';
import type { Locale, Translate } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { EntityDetails } from '@/utils/protocol';
import { EntityCard } from './EntityCard';
import './entity-card.css';

/** One entity's full detail, in an extension page (the popup's detail view, or a tab). */
export function EntityPage({
  id,
  locale,
  t,
  onOpenEntity,
}: {
  id: string;
  locale: Locale;
  t: Translate;
  onOpenEntity: (id: string) => void;
}) {
  const [details, setDetails] = useState<EntityDetails | null | undefined>(undefined);
  useEffect(() => {
    setDetails(undefined);
    sendMessage('getEntityDetails', { id }).then(setDetails, () => setDetails(null));
  }, [id]);
  if (details === undefined) return <p>{t('cardLoading')}</p>;
  if (details === null) return <p>{t('cardError')}</p>;
  return (
    <EntityCard
      details={details}
      locale={locale}
      t={t}
      headingId="entity-heading"
      onOpenEntity={onOpenEntity}
      onOpenCitation={(citation) => void sendMessage('openView', citationView(citation))}
    />
  );
}
