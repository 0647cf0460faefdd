import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';

const LAST_WORKER_KEY = 'llm-control-plane.last-worker';

function rememberedWorker(): string | undefined {
  try {
    return sessionStorage.getItem(LAST_WORKER_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The last worker the URL named, kept for this tab so fleet pages still know which worker is selected. */
export function useLastWorker(routeWorkerId: string | undefined): string | undefined {
  const [lastWorkerId, setLastWorkerId] = useState<string | undefined>(rememberedWorker);
  useEffect(() => {
    if (!routeWorkerId) return;
    setLastWorkerId(routeWorkerId);
    try {
      sessionStorage.setItem(LAST_WORKER_KEY, routeWorkerId);
    } catch {
      // Without storage the selection still lives in the URL.
    }
  }, [routeWorkerId]);
  return lastWorkerId;
}

/** Moves focus to the new page's heading after client-side navigation, as a full page load would. */
export function useFocusTitleOnNavigate(path: string, main: RefObject<HTMLElement | null>): void {
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current || !path) {
      firstRender.current = false;
      return;
    }
    const timer = setTimeout(
      () => main.current?.querySelector<HTMLElement>('[data-page-title]')?.focus(),
      50,
    );
    return () => clearTimeout(timer);
  }, [path, main]);
}

/**
 * The text of a polite live region and the function that sets it. The region is emptied first so a
 * message repeated verbatim is read again.
 */
export function useAnnouncer(): [string, (message: string) => void] {
  const [announcement, setAnnouncement] = useState('');
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A message still pending when the shell goes away must not set state on it (or on a torn-down page).
  useEffect(() => () => clearTimeout(pending.current), []);
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    clearTimeout(pending.current);
    pending.current = setTimeout(() => setAnnouncement(message), 30);
  }, []);
  return [announcement, announce];
}
