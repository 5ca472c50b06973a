import { useSearchParams } from 'react-router';

/**
 * A list page's filter, kept in the URL's query so that a link or a reload shows the same list.
 * A new filter replaces the history entry rather than adding one.
 */
export function useUrlFilter<Filter>(
  read: (params: URLSearchParams) => Filter,
  write: (filter: Filter) => Record<string, string>,
): [Filter, (next: Filter) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  return [read(searchParams), (next) => setSearchParams(write(next), { replace: true })];
}
