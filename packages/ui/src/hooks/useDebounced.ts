import { useEffect, useState } from 'react';

/** `value`, once it has stopped changing for `delayMs` (search boxes query the worker per pause, not per key). */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
