/**
 * Search results as a listbox: kind, canonical name, the name that matched with the match
 * highlighted, and a one-line summary. The search box owns the keyboard (aria-activedescendant).
 */
import { formatPartialDate, type Locale, type Translate } from '@/utils/i18n';
import type { ClaimSummary, SearchResult } from '@/utils/protocol';

export function resultOptionId(index: number): string {
  return `result-${index}`;
}

export function SearchResults({
  results,
  active,
  locale,
  t,
  onOpen,
  onHover,
}: {
  results: SearchResult[];
  active: number;
  locale: Locale;
  t: Translate;
  onOpen: (result: SearchResult) => void;
  onHover: (index: number) => void;
}) {
  return (
    <div id="results" class="results" role="listbox" aria-label={t('resultsLabel')}>
      {results.map((result, index) => (
        // The combobox pattern: the search box keeps focus and drives the options with
        // aria-activedescendant, so the options take clicks but not keys.
        // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the search box (combobox)
        <div
          key={result.id}
          tabIndex={-1}
          id={resultOptionId(index)}
          role="option"
          aria-selected={index === active}
          class={index === active ? 'result active' : 'result'}
          data-entity={result.id}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onOpen(result)}
          onMouseMove={() => onHover(index)}
        >
          <span class={`kind-badge kind-${result.kind}`}>{t(`kind_${result.kind}`)}</span>
          <span class="result-name">
            {result.matched.name === result.name && !result.matched.viaPinyin ? (
              <Highlighted text={result.name} start={result.matched.start} end={result.matched.end} />
            ) : (
              result.name
            )}
          </span>
          {result.nameEn && result.nameEn !== result.name ? (
            <span class="result-en">
              {result.matched.name === result.nameEn && !result.matched.viaPinyin ? (
                <Highlighted text={result.nameEn} start={result.matched.start} end={result.matched.end} />
              ) : (
                result.nameEn
              )}
            </span>
          ) : null}
          {result.matched.name !== result.name && result.matched.name !== result.nameEn ? (
            <span class="result-alias">
              {t('matchedAlias', { name: '\u0000' })
                .split('\u0000')
                .map((part, i) =>
                  i === 0 ? (
                    part
                  ) : (
                    <span key={i}>
                      {result.matched.viaPinyin ? (
                        <mark>{result.matched.name}</mark>
                      ) : (
                        <Highlighted text={result.matched.name} start={result.matched.start} end={result.matched.end} />
                      )}
                      {part}
                    </span>
                  ),
                )}
            </span>
          ) : null}
          {result.summary ? <span class="result-summary">{summaryText(result.summary, locale, t)}</span> : null}
        </div>
      ))}
    </div>
  );
}

function Highlighted({ text, start, end }: { text: string; start: number; end: number }) {
  return (
    <>
      {text.slice(0, start)}
      <mark>{text.slice(start, end)}</mark>
      {text.slice(end)}
    </>
  );
}

export function summaryText(summary: ClaimSummary, locale: Locale, t: Translate): string {
  const unknown = t('unknownOrg');
  let text: string;
  if (summary.kind === 'move') {
    const { from, to } = summary;
    text =
      from && to
        ? t('summaryMove', { from, to })
        : from
          ? t('moveFrom', { from })
          : to
            ? t('moveTo', { to })
            : t('summaryMove', { from: unknown, to: unknown });
  } else if (summary.kind === 'role') {
    text = summary.org ? t('summaryRole', { title: summary.title ?? '', org: summary.org }) : (summary.title ?? '');
    if (summary.former) text = `${t('former')} ${text}`;
  } else
    text = summary.org ? t('summaryLevel', { level: summary.level ?? '', org: summary.org }) : (summary.level ?? '');
  return summary.date ? `${text} · ${formatPartialDate(summary.date, locale, t)}` : text;
}
