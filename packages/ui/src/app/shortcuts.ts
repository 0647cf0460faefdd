import { useEffect, useRef } from 'react';

export type ShortcutHandlers = {
  focusWorker(): void;
  focusSearch(): void;
  showHelp(): void;
  go(target: string): void;
};

export const GO_TARGETS: Record<string, { label: string; to: string; workerSection?: string }> = {
  o: { label: 'Fleet overview', to: '/' },
  s: { label: 'Fleet search', to: '/fleet/search' },
  p: { label: 'Fleet spend', to: '/fleet/spend' },
  b: { label: 'Bulk changes', to: '/fleet/bulk' },
  d: { label: 'Drift', to: '/fleet/drift' },
  a: { label: 'Audit log', to: '/audit' },
  k: { label: 'Keys of the selected worker', to: '', workerSection: 'keys' },
  t: { label: 'Teams of the selected worker', to: '', workerSection: 'teams' },
  u: { label: 'Users of the selected worker', to: '', workerSection: 'users' },
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Single-key shortcuts (`w`, `/`, `?`) and `g` sequences, ignored while typing in a field. */
export function useShortcuts(root: HTMLElement | null, handlers: ShortcutHandlers): void {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    if (!root) return;
    const ownerDocument = root.ownerDocument;
    let pendingGo = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      if (ownerDocument.querySelector('.cp-dialog')) return;
      if (pendingGo > Date.now()) {
        pendingGo = 0;
        if (GO_TARGETS[event.key]) {
          event.preventDefault();
          handlersRef.current.go(event.key);
        }
        return;
      }
      if (event.key === 'g') {
        pendingGo = Date.now() + 1500;
      } else if (event.key === 'w') {
        event.preventDefault();
        handlersRef.current.focusWorker();
      } else if (event.key === '/') {
        event.preventDefault();
        handlersRef.current.focusSearch();
      } else if (event.key === '?') {
        event.preventDefault();
        handlersRef.current.showHelp();
      }
    };
    ownerDocument.addEventListener('keydown', onKeyDown);
    return () => ownerDocument.removeEventListener('keydown', onKeyDown);
  }, [root]);
}
