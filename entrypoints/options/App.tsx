import { useEffect, useState } from 'preact/hooks';
import { DatasetSummary } from '@/components/DatasetSummary';
import type { InstalledDataset } from '@/utils/db';
import { sendMessage } from '@/utils/messaging';
import { useLocale } from '@/utils/use-locale';

export function App() {
  const { locale, t } = useLocale();
  const [dataset, setDataset] = useState<InstalledDataset | null | undefined>(undefined);
  useEffect(() => {
    document.title = t('optionsTitle');
    void sendMessage('getDatasetStatus').then(setDataset, () => setDataset(null));
  }, [t]);
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <section aria-labelledby="dataset-heading">
        <h2 id="dataset-heading">{t('optionsDataset')}</h2>
        {dataset === undefined ? <p>{t('loading')}</p> : <DatasetSummary info={dataset} t={t} locale={locale} />}
      </section>
    </main>
  );
}
