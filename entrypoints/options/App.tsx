import { useCallback, useEffect, useState } from 'preact/hooks';
import { DatasetSummary } from '@/components/DatasetSummary';
import type { Locale, Translate } from '@/utils/i18n';
import type { DatasetDiff } from '@/utils/import/diff';
import { problemText } from '@/utils/import/problem-text';
import { sendMessage } from '@/utils/messaging';
import type { InstalledDataset } from '@/utils/protocol';
import { useLocale } from '@/utils/use-locale';
import { SettingsForm } from './SettingsForm';
import { type ImportState, useImport } from './use-import';

export function App() {
  const { locale, t } = useLocale();
  const [installed, setInstalled] = useState<InstalledDataset | null | undefined>(undefined);
  const [previous, setPrevious] = useState<InstalledDataset | null>(null);
  const [url, setUrl] = useState('');
  const [dragging, setDragging] = useState(false);

  const refresh = useCallback(() => {
    void sendMessage('getDatasetStatus').then(setInstalled, () => setInstalled(null));
    void sendMessage('getPreviousDataset').then(setPrevious, () => setPrevious(null));
  }, []);
  const { state, importer } = useImport(refresh);
  const working = state.step === 'busy';

  useEffect(refresh, [refresh]);
  useEffect(() => {
    document.title = t('optionsTitle');
  }, [t]);

  // A second import while one runs is refused by the importer, which says so under the progress.
  const readFile = (file: File) => void importer.importFile(file);

  const importUrl = (event: Event) => {
    event.preventDefault();
    importer.importUrl(url);
  };

  const resetToBundled = () =>
    // The bundled file, relative to this page's own origin (written by npm run data:build, so WXT's
    // typed getURL does not know it on a fresh checkout).
    void importer.resetToBundled(async () => (await fetch('/dataset.json')).text());

  const exportDataset = () =>
    importer.exportDataset((json, version) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      link.download = `talent-overlay-dataset-${version}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    });

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>

      <section aria-labelledby="dataset-heading">
        <h2 id="dataset-heading">{t('optionsDataset')}</h2>
        {installed === undefined ? <p>{t('loading')}</p> : <DatasetSummary info={installed} t={t} locale={locale} />}
        <div class="actions">
          <button type="button" disabled={working || !installed} onClick={exportDataset} data-testid="export">
            {t('export')}
          </button>
          <button
            type="button"
            disabled={working || !previous}
            onClick={() => importer.rollback()}
            data-testid="rollback"
          >
            {previous ? t('rollback', { version: previous.version }) : t('rollbackNone')}
          </button>
          <button type="button" disabled={working} onClick={resetToBundled} data-testid="reset">
            {t('resetBundled')}
          </button>
        </div>
      </section>

      <section aria-labelledby="update-heading">
        <h2 id="update-heading">{t('optionsUpdate')}</h2>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer gesture; the file input inside is the keyboard path */}
        <div
          class={dragging ? 'drop-zone dragging' : 'drop-zone'}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            const file = event.dataTransfer?.files[0];
            if (file) readFile(file);
          }}
        >
          <label>
            {t('importFile')}{' '}
            <input
              type="file"
              accept=".json,application/json"
              disabled={working}
              data-testid="file-input"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) readFile(file);
              }}
            />
          </label>
          <p class="muted">{t('importFileHint')}</p>
        </div>
        <form class="url-form" onSubmit={importUrl}>
          <label>
            {t('importUrl')}{' '}
            <input
              type="url"
              value={url}
              placeholder="https://"
              onInput={(event) => setUrl(event.currentTarget.value)}
              data-testid="url-input"
            />
          </label>
          <button type="submit" disabled={working || !url.trim()}>
            {t('importUrlButton')}
          </button>
        </form>
        <ImportStatus
          state={state}
          t={t}
          locale={locale}
          onApply={() => importer.apply()}
          onDiscard={() => importer.discard()}
          onCancel={() => importer.cancel()}
          onConfirmHttp={(confirmed) => importer.importUrl(confirmed, { httpConfirmed: true })}
        />
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('optionsSettings')}</h2>
        <SettingsForm t={t} />
      </section>
    </main>
  );
}

function ImportStatus({
  state,
  t,
  locale,
  onApply,
  onDiscard,
  onCancel,
  onConfirmHttp,
}: {
  state: ImportState;
  t: Translate;
  locale: Locale;
  onApply: () => void;
  onDiscard: () => void;
  onCancel: () => void;
  onConfirmHttp: (url: string) => void;
}) {
  switch (state.step) {
    case 'idle':
      return null;
    case 'busy':
      return (
        <div class="status" data-testid="import-progress">
          <p aria-live="polite">
            {state.cancelling ? t('cancelling') : state.phase === 'downloading' ? t('busy') : t(`phase_${state.phase}`)}
          </p>
          <progress max={1} value={state.phase === 'downloading' ? undefined : state.share} />
          <div class="actions">
            <button type="button" onClick={onCancel} disabled={state.cancelling} data-testid="import-cancel">
              {t('cancelImport')}
            </button>
          </div>
          {state.refusedSecond ? (
            <p class="error" role="alert" data-testid="import-refused">
              {t('importAlreadyRunning')}
            </p>
          ) : null}
        </div>
      );
    case 'confirmHttp':
      return (
        <div class="status error" role="alert" data-testid="import-http-warning">
          <p>{t('httpWarning', { host: state.host })}</p>
          <div class="actions">
            <button type="button" onClick={() => onConfirmHttp(state.url)} data-testid="import-http-confirm">
              {t('httpConfirm')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('cancel')}
            </button>
          </div>
        </div>
      );
    case 'cancelled':
      return (
        <p class="status" role="status" data-testid="import-cancelled">
          {t('importCancelled')}
        </p>
      );
    case 'invalid':
      return (
        <div class="status error" role="alert" data-testid="import-problems">
          <p>
            <strong>{t('problemsTitle')}</strong>
          </p>
          <ul>
            {state.problems.map((problem, index) => (
              <li key={index}>{problemText(problem, t, locale)}</li>
            ))}
          </ul>
          {state.total > state.problems.length ? (
            <p>{t('problemsMore', { count: state.total - state.problems.length })}</p>
          ) : null}
        </div>
      );
    case 'preview':
      return (
        <Preview diff={state.diff} version={state.incoming.version} t={t} onApply={onApply} onCancel={onDiscard} />
      );
    case 'installed':
      return (
        <p class="status ok" role="status" data-testid="import-done">
          {state.tooLate ? `${t('cancelTooLate')} ` : ''}
          {t('installedNow', { version: state.info.version })}
        </p>
      );
    case 'error':
      return (
        <p class="status error" role="alert" data-testid="import-error">
          {t(state.message.key, state.message.values)}
        </p>
      );
  }
}

function Preview({
  diff,
  version,
  t,
  onApply,
  onCancel,
}: {
  diff: DatasetDiff;
  version: string;
  t: Translate;
  onApply: () => void;
  onCancel: () => void;
}) {
  const rows = [
    [t('previewArticles'), diff.articles],
    [t('previewEntities'), diff.entities],
    [t('previewClaims'), diff.claims],
  ] as const;
  const same = rows.every(([, set]) => set.added.length + set.removed.length + set.changed.length === 0);
  return (
    <div class="status preview" data-testid="import-preview">
      <p>
        <strong>{t('previewTitle', { version })}</strong>
      </p>
      {same ? (
        <p>{t('previewSame')}</p>
      ) : (
        <ul>
          {rows.map(([what, set]) => (
            <li key={what}>
              {t('previewRow', {
                what,
                added: set.added.length,
                removed: set.removed.length,
                changed: set.changed.length,
              })}
              {set.added.length > 0 ? <span class="ids"> + {set.added.slice(0, 5).join(', ')}</span> : null}
              {set.removed.length > 0 ? <span class="ids"> − {set.removed.slice(0, 5).join(', ')}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="button" class="primary" onClick={onApply} data-testid="apply">
          {t('apply')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
