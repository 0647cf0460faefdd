import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, isAbortError, toApiError } from '../api/errors.js';

export type Resource<T> = {
  data: T | undefined;
  error: ApiError | undefined;
  /** True until the first answer for the current key arrives. */
  loading: boolean;
  /** True while any request (first load or refresh) is in flight. */
  refreshing: boolean;
  updatedAt: number | undefined;
  reload(): void;
};

type State<T> = {
  key: string;
  data: T | undefined;
  error: ApiError | undefined;
  updatedAt: number | undefined;
};

/**
 * Loads data for `key`; on a refresh error the previous data stays on screen next to the error, so a
 * failing worker or a network blip never blanks a page. A new key starts empty (no cross-worker leaks).
 */
export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: { refreshMs?: number } = {},
): Resource<T> {
  const [state, setState] = useState<State<T>>({
    key: key ?? '',
    data: undefined,
    error: undefined,
    updatedAt: undefined,
  });
  const [inFlight, setInFlight] = useState(0);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const busy = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` re-runs the load on reload() and on the refresh timer
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    busy.current = true;
    setInFlight((count) => count + 1);
    loadRef
      .current(controller.signal)
      .then((data) => {
        if (controller.signal.aborted) return;
        setState({ key, data, error: undefined, updatedAt: Date.now() });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((previous) => ({
          key,
          data: previous.key === key ? previous.data : undefined,
          error: toApiError(error),
          updatedAt: previous.key === key ? previous.updatedAt : undefined,
        }));
      })
      .finally(() => {
        if (!controller.signal.aborted) busy.current = false;
        setInFlight((count) => count - 1);
      });
    return () => controller.abort();
  }, [key, generation]);

  useEffect(() => {
    if (key === null || !options.refreshMs) return;
    // A tick never cancels a slow answer (a fleet with a hanging worker can take its full deadline):
    // it is skipped while the previous request is still running.
    const timer = setInterval(() => {
      if (!busy.current) setGeneration((value) => value + 1);
    }, options.refreshMs);
    return () => clearInterval(timer);
  }, [key, options.refreshMs]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== null && (!current || (state.data === undefined && state.error === undefined)),
    refreshing: inFlight > 0,
    updatedAt: current ? state.updatedAt : undefined,
    reload,
  };
}
