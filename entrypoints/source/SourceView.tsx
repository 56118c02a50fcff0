import { useEffect, useRef, useState } from 'preact/hooks';
import type { Article } from '@/data/format/schema';
import { formatPartialDate } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { findQuote } from '@/utils/quote';
import { useLocale } from '@/utils/use-locale';

/** An article as stored in the dataset, with the cited quote highlighted: for articles with no known URL. */
export function SourceView() {
  const { locale, t } = useLocale();
  const params = new URLSearchParams(location.search);
  const articleId = params.get('article') ?? '';
  const quote = params.get('quote') ?? '';
  const [article, setArticle] = useState<Article | null | undefined>(undefined);
  const highlight = useRef<HTMLElement>(null);

  useEffect(() => {
    sendMessage('getArticle', { id: articleId }).then(setArticle, () => setArticle(null));
  }, [articleId]);
  useEffect(() => {
    highlight.current?.scrollIntoView({ block: 'center' });
    if (article) document.title = `${article.publisher ?? ''} ${article.title ?? article.summary}`.trim();
  }, [article]);

  if (article === undefined) return <main class="source">{t('loading')}</main>;
  if (article === null) return <main class="source">{t('cardError')}</main>;

  const found = quote ? findQuote(article.text, quote) : null;
  const before = found ? article.text.slice(0, found.start) : article.text;
  const marked = found ? article.text.slice(found.start, found.end) : '';
  const after = found ? article.text.slice(found.end) : '';
  const date = formatPartialDate({ date: article.published.date }, locale, t);
  return (
    <main class="source" lang={article.script}>
      <header>
        <p class="muted">
          {article.publisher ?? t('publisherUnknown')} ·{' '}
          {article.published.estimated ? t('publishedEstimated', { date }) : date}
          {article.author ? ` · ${article.author}` : ''}
        </p>
        <h1>{article.title ?? article.summary}</h1>
        {article.published.basis ? <p class="muted">{article.published.basis}</p> : null}
      </header>
      <div class="article-text" data-testid="article-text">
        {before}
        {found ? (
          <mark ref={highlight} data-testid="quote">
            {marked}
          </mark>
        ) : null}
        {after}
      </div>
    </main>
  );
}
