import { useCallback, useEffect, useState } from 'react';
import type { ControlPlaneApi } from '../../api/client.js';
import type { AuditEntry, AuditFilter } from '../../api/contract.js';
import { type ApiError, toApiError } from '../../api/errors.js';

const PAGE_SIZE = 100;

export type AuditLog = {
  entries: AuditEntry[];
  /** Set while older entries remain. */
  hasMore: boolean;
  loading: boolean;
  error: ApiError | undefined;
  /** Appends the next page of older entries. */
  loadMore(): Promise<void>;
  /** Loads the first page again. */
  reload(): void;
};

/** The audit entries matching `filter`, newest first, a page at a time; a new filter starts again. */
export function useAuditLog(api: ControlPlaneApi, filter: AuditFilter): AuditLog {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` reloads after Reset or Retry
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api
      .audit({ ...filter, limit: PAGE_SIZE }, controller.signal)
      .then((page) => {
        setEntries(page.entries);
        setCursor(page.next_cursor);
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(toApiError(caught));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [api, filter, generation]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.audit({ ...filter, limit: PAGE_SIZE, cursor });
      setEntries((current) => [...current, ...page.entries]);
      setCursor(page.next_cursor);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setLoading(false);
    }
  };

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { entries, hasMore: cursor !== null, loading, error, loadMore, reload };
}
