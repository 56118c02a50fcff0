/** The entities marked in the active tab, most marked first; choosing one shows it on the page. */
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { EntitySummary, PageStatus } from '@/utils/protocol';

export function OnThisPage({ page, t, onReveal }: { page: PageStatus; t: Translate; onReveal: (id: string) => void }) {
  const [names, setNames] = useState<Map<string, EntitySummary>>(new Map());
  useEffect(() => {
    const ids = page.entities.map((entity) => entity.id);
    if (ids.length === 0) return;
    void sendMessage('getEntitySummaries', { ids: ids.slice(0, 5000) }).then((found) =>
      setNames(new Map(found.map((entity) => [entity.id, entity]))),
    );
  }, [page]);

  if (!page.marking) return <p class="muted">{t('onThisPageOff')}</p>;
  if (page.entities.length === 0) return <p class="muted">{t('onThisPageEmpty')}</p>;
  return (
    <>
      <p class="muted">{t('revealHint')}</p>
      <ul class="on-page" data-testid="on-this-page">
        {page.entities.map(({ id, count }) => {
          const entity = names.get(id);
          return (
            <li key={id}>
              <button type="button" class="on-page-entry" data-entity={id} onClick={() => onReveal(id)}>
                {entity ? <span class={`kind-badge kind-${entity.kind}`}>{t(`kind_${entity.kind}`)}</span> : null}
                <span class="result-name">{entity?.name ?? id}</span>
                <span class="count">{t('markCount', { count })}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
