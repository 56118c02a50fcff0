import { useState } from 'preact/hooks';
import type { Translate } from '@/utils/i18n';
import { type Settings, type SettingsChange, siteOf } from '@/utils/settings';
import { useSettingsEditor } from '@/utils/use-settings';

const KINDS = ['person', 'org', 'model'] as const;
const STYLES = ['underline', 'highlight'] as const;
const LANGUAGES = [
  ['auto', null],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
  ['en', 'English'],
] as const;

/**
 * Marking on/off, kinds, style, excluded sites, language: saved to storage.sync as they change.
 * Each change is made to the settings as stored when it is saved (a site added in another tab or
 * on another device meanwhile stays); one that is not saved is said here, and the form shows what
 * is stored.
 */
export function SettingsForm({ t }: { t: Translate }) {
  const { settings, error, save: saveChange } = useSettingsEditor();
  const [newSite, setNewSite] = useState('');
  if (!settings) return <p>{t('loading')}</p>;
  const save = (change: SettingsChange) => void saveChange(change);

  const addSite = (event: Event) => {
    event.preventDefault();
    const input = newSite.trim();
    const site = siteOf(/^https?:\/\//.test(input) ? input : `https://${input}`);
    if (!site) return;
    void saveChange((current) =>
      current.disabledSites.includes(site) ? {} : { disabledSites: [...current.disabledSites, site] },
    ).then((saved) => {
      // Kept in the box when it was not saved, to try again.
      if (saved) setNewSite('');
    });
  };

  return (
    <div class="settings" data-testid="settings">
      <label class="row">
        <input
          type="checkbox"
          checked={settings.enabled}
          onChange={(e) => save({ enabled: e.currentTarget.checked })}
        />
        {t('settingEnabled')}
      </label>
      <fieldset>
        <legend>{t('settingKinds')}</legend>
        {KINDS.map((kind) => (
          <label class="row" key={kind}>
            <input
              type="checkbox"
              checked={settings.kinds[kind]}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                save((current) => ({ kinds: { ...current.kinds, [kind]: on } }));
              }}
            />
            {t(`kindPlural_${kind}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('settingStyle')}</legend>
        {STYLES.map((style) => (
          <label class="row" key={style}>
            <input
              type="radio"
              name="mark-style"
              checked={settings.markStyle === style}
              onChange={() => save({ markStyle: style })}
            />
            {t(`style_${style}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('settingSites')}</legend>
        {settings.disabledSites.length === 0 ? <p class="muted">{t('settingSitesNone')}</p> : null}
        <ul class="sites">
          {settings.disabledSites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button
                type="button"
                aria-label={t('settingRemove', { site })}
                onClick={() =>
                  save((current) => ({ disabledSites: current.disabledSites.filter((entry) => entry !== site) }))
                }
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={addSite} class="row">
          <label>
            {t('settingAddSite')}{' '}
            <input value={newSite} placeholder="example.com" onInput={(e) => setNewSite(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('settingAdd')}</button>
        </form>
      </fieldset>
      <label class="row">
        {t('settingLanguage')}{' '}
        <select
          value={settings.language}
          onChange={(e) => save({ language: e.currentTarget.value as Settings['language'] })}
        >
          {LANGUAGES.map(([value, label]) => (
            <option key={value} value={value}>
              {label ?? t('language_auto')}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p class="status error" role="alert" data-testid="settings-error">
          {t(error.key, error.values)}
        </p>
      ) : (
        <p class="muted">{t('saved')}</p>
      )}
    </div>
  );
}
