import type { Translate } from '@/utils/i18n';
import type { InstalledDataset } from '@/utils/protocol';

/** Version, counts and origin of the installed dataset. */
export function DatasetSummary({ info, t, locale }: { info: InstalledDataset | null; t: Translate; locale: string }) {
  if (!info) return <p class="muted">{t('datasetMissing')}</p>;
  const { counts, origin } = info;
  const from =
    origin.kind === 'bundled'
      ? t('datasetSourceBundled')
      : origin.kind === 'file'
        ? t('datasetSourceFile', { name: origin.name })
        : t('datasetSourceUrl', { url: origin.url });
  return (
    <div class="dataset-summary" data-testid="dataset-summary">
      <p>
        <strong>{t('datasetVersion', { version: info.version })}</strong>
      </p>
      <p data-testid="dataset-counts">{t('datasetCounts', counts)}</p>
      <p class="muted">
        {from} · {t('datasetInstalledAt', { date: new Date(info.installedAt).toLocaleString(locale) })}
      </p>
    </div>
  );
}
