import { useEffect, useState } from 'react';
import type { WorkerApi, WorkerRecord } from '../api/worker-api.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useWorkerResource } from '../pages/worker/shared.js';
import type { ResourceConfig, RowPage } from './types.js';

const SEARCH_DELAY_MS = 250;

/** A page in LiteLLM's `{ page, total_pages, total }` form (teams, users) as a `RowPage`. */
export function litellmPage<Row>(
  rows: Row[] | undefined,
  data: { page?: number | null; total_pages?: number | null; total?: number | null },
  page: number,
): RowPage<Row> {
  return {
    rows: rows ?? [],
    page: data.page ?? page,
    totalPages: data.total_pages ?? 1,
    totalCount: data.total ?? undefined,
  };
}

/**
 * The rows a resource page shows: loaded whole (`load`, optionally filtered by the search box on this
 * side) or a page at a time (`loadPage`, the worker searches and pages). A new search or page size
 * starts again at page 1.
 */
export function useResourceRows<Row extends WorkerRecord>(
  config: ResourceConfig<Row>,
  worker: Parameters<typeof useWorkerResource>[0],
  admin: WorkerApi,
) {
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(config.pageSizes?.[0] ?? 25);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search or page size starts again at page 1
  useEffect(() => setPage(1), [query, size]);

  const paged = config.loadPage !== undefined;
  const resource = useWorkerResource(
    worker,
    paged ? `${config.plural}:${query}:${page}:${size}` : config.plural,
    (signal): Promise<RowPage<Row>> => {
      if (config.loadPage) return config.loadPage(admin, { search: query, page, size }, signal);
      if (config.load) return config.load(admin, signal).then((rows) => ({ rows }));
      return Promise.reject(new Error(`The ${config.plural} page has neither load nor loadPage.`));
    },
  );
  const all = resource.data?.rows ?? [];
  const matches =
    config.search?.matches ??
    ((row: Row, text: string) => config.label(row).toLowerCase().includes(text.toLowerCase()));
  const rows =
    paged || config.search === undefined || query === '' ? all : all.filter((row) => matches(row, query));
  return { resource, rows, paged, search, setSearch, query, page, setPage, size, setSize };
}

export type ResourceRows<Row extends WorkerRecord> = ReturnType<typeof useResourceRows<Row>>;
