import { useCallback, useState } from 'react';
import { type ApiError, toApiError } from '../api/errors.js';

export type Action = {
  /** True while a run is in flight. */
  busy: boolean;
  /** What the last run failed with; cleared when the next run starts. */
  error: ApiError | undefined;
  /** Runs `work`; resolves true when it succeeded, false when it failed (the failure is in `error`). */
  run(work: () => Promise<void>): Promise<boolean>;
  clearError(): void;
};

/** The busy flag and error of a user-started call (sign in, lift, preview, apply) for a page to show. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(toApiError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}
