import type { InstalledDataset } from '@/utils/db';
import type { Translate } from '@/utils/i18n';

/** Version, counts and origin of the installed dataset. */
export function DatasetSummary({ info, t, locale }: { info: InstalledDataset | null; t: Translate; locale: string }) {
  if (!info) return <p class="muted">{t('datasetMissing')}</p>;
  const { counts, source } = info;
  const origin =
    source.kind === 'bundled'
      ? t('datasetSourceBundled')
      : source.kind === 'file'
        ? t('datasetSourceFile', { name: source.name })
        : t('datasetSourceUrl', { url: source.url });
  return (
    <div class="dataset-summary" data-testid="dataset-summary">
      <p>
        <strong>{t('datasetVersion', { version: info.version })}</strong>
      </p>
      <p data-testid="dataset-counts">{t('datasetCounts', counts)}</p>
      <p class="muted">
        {origin} · {t('datasetInstalledAt', { date: new Date(info.installedAt).toLocaleString(locale) })}
      </p>
    </div>
  );
}
