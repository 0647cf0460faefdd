import type { Ref } from 'react';
import type { Principal, WorkerView } from '../api/contract.js';
import { StatusBadge } from '../components/States.js';
import { WorkerSwitcher } from '../components/WorkerSwitcher.js';
import { Link } from './router.js';
import type { useTheme } from './theme.js';

/** Brand, worker switcher, the selected worker, and the theme, help and account controls. */
export function ShellHeader({
  switcher,
  workers,
  selectedId,
  selected,
  onSelectWorker,
  theme,
  principal,
  onHelp,
  logout,
}: {
  switcher: Ref<HTMLInputElement>;
  workers: WorkerView[];
  selectedId: string | undefined;
  selected: WorkerView | undefined;
  onSelectWorker(workerId: string): void;
  theme: ReturnType<typeof useTheme>;
  principal: Principal;
  onHelp(): void;
  logout(): Promise<void>;
}) {
  return (
    <header className="cp-header">
      <Link to="/" className="cp-brand">
        <span className="cp-brand-mark" aria-hidden="true">
          ◆
        </span>
        LLM Control Plane
      </Link>
      <WorkerSwitcher ref={switcher} workers={workers} selectedId={selectedId} onSelect={onSelectWorker} />
      {selected ? (
        <section className="cp-current-worker" aria-label="Selected worker">
          <span className="cp-current-worker-name">{selected.name}</span>
          <span className="cp-current-worker-region">{selected.region ?? 'no region'}</span>
          <StatusBadge status={selected.health?.status ?? 'unknown'} />
        </section>
      ) : null}
      <div className="cp-header-end">
        <button
          type="button"
          className="cp-button cp-button-ghost"
          onClick={theme.cycle}
          aria-label={`Theme: ${theme.choice}. Change theme`}
          title="Change theme (system, dark, light)"
        >
          {theme.resolved === 'dark' ? '☾' : '☀'} <span className="cp-theme-choice">{theme.choice}</span>
        </button>
        <button
          type="button"
          className="cp-button cp-button-ghost"
          onClick={onHelp}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
        <span className="cp-principal">
          <span className="cp-principal-name">{principal.subject}</span>
          <span className="cp-role">{principal.role}</span>
        </span>
        <button type="button" className="cp-button" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </header>
  );
}
