/** The popup's search: the query, its results (asked of the background), and the active result. */
import { useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/utils/messaging';
import type { SearchResult } from '@/utils/protocol';

export function useSearch() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[] | 'searching'>([]);
  const [active, setActive] = useState(0);
  const latestQuery = useRef('');

  const search = (text: string) => {
    setQuery(text);
    latestQuery.current = text;
    setActive(0);
    if (!text.trim()) return setResults([]);
    setResults('searching');
    // An answer to an older query is dropped: the reader has typed on.
    void sendMessage('search', { query: text.slice(0, 200) }).then(
      (found) => latestQuery.current === text && setResults(found),
      () => latestQuery.current === text && setResults([]),
    );
  };

  const list = Array.isArray(results) ? results : [];
  /** Moves the active result by one, wrapping around. */
  const step = (by: 1 | -1) => list.length > 0 && setActive((active + by + list.length) % list.length);
  return { query, results, list, active, setActive, step, search };
}
