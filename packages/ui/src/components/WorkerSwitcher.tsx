import { useVirtualizer } from '@tanstack/react-virtual';
import {
  forwardRef,
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { WorkerView } from '../api/contract.js';

const VIRTUALIZE_ABOVE = 100;
const OPTION_HEIGHT = 48;

function searchText(worker: WorkerView): string {
  return [worker.name, worker.worker_id, worker.region ?? '', ...Object.values(worker.labels ?? {})]
    .join(' ')
    .toLowerCase();
}

/** Name-prefix matches first, then any match on name, id, region or label values. */
export function filterWorkers(workers: WorkerView[], query: string): WorkerView[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return workers;
  const prefix: WorkerView[] = [];
  const rest: WorkerView[] = [];
  for (const worker of workers) {
    if (worker.name.toLowerCase().startsWith(needle) || worker.worker_id.toLowerCase().startsWith(needle)) {
      prefix.push(worker);
    } else if (searchText(worker).includes(needle)) {
      rest.push(worker);
    }
  }
  return [...prefix, ...rest];
}

/** Where a list key moves the active option (clamped, never wrapping); undefined for other keys. */
function movedIndex(key: string, index: number, count: number): number | undefined {
  const last = Math.max(0, count - 1);
  const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  const step = steps[key];
  return step === undefined ? undefined : Math.min(last, Math.max(0, index + step));
}

/** Virtualises a long open list and keeps the active option scrolled into view. */
function useScrolledList(
  listElement: RefObject<HTMLDivElement | null>,
  count: number,
  active: number,
  open: boolean,
  virtual: boolean,
) {
  const virtualizer = useVirtualizer({
    count: virtual && open ? count : 0,
    getScrollElement: () => listElement.current,
    estimateSize: () => OPTION_HEIGHT,
    overscan: 8,
  });
  useEffect(() => {
    if (!open) return;
    if (virtual) virtualizer.scrollToIndex(active, { align: 'auto' });
    else
      listElement.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, open, virtual, virtualizer, listElement]);
  return virtualizer;
}

/**
 * The "Worker" combobox (ARIA 1.2 pattern): type to filter, arrows to move, Enter to switch.
 * Switching changes only the URL, so no session is lost.
 */
export const WorkerSwitcher = forwardRef<
  HTMLInputElement,
  { workers: WorkerView[]; selectedId: string | undefined; onSelect(workerId: string): void }
>(function WorkerSwitcher({ workers, selectedId, onSelect }, forwardedRef) {
  const inputId = useId();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listElement = useRef<HTMLDivElement>(null);
  const selected = workers.find((worker) => worker.worker_id === selectedId);
  const filtered = useMemo(() => filterWorkers(workers, query), [workers, query]);
  const virtual = filtered.length > VIRTUALIZE_ABOVE;
  const virtualizer = useScrolledList(listElement, filtered.length, active, open, virtual);

  const openList = (initialQuery: string) => {
    setQuery(initialQuery);
    const list = filterWorkers(workers, initialQuery);
    const selectedIndex = list.findIndex((worker) => worker.worker_id === selectedId);
    setActive(Math.max(selectedIndex, 0));
    setOpen(true);
  };

  const close = () => {
    setOpen(false);
    setQuery('');
  };

  const choose = (worker: WorkerView | undefined) => {
    if (!worker) return;
    close();
    // Picking the current worker still matters on fleet pages: it opens that worker.
    onSelect(worker.worker_id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      openList('');
      return;
    }
    const moved = open ? movedIndex(event.key, active, filtered.length) : undefined;
    if (moved !== undefined) {
      event.preventDefault();
      setActive(moved);
      return;
    }
    switch (event.key) {
      case 'Enter':
        if (open) {
          event.preventDefault();
          choose(filtered[active]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case 'Tab':
        if (open) close();
        break;
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  const activeWorker = open ? filtered[active] : undefined;

  const renderOption = (worker: WorkerView, index: number, style?: React.CSSProperties) => (
    <WorkerOption
      key={worker.worker_id}
      worker={worker}
      id={optionId(index)}
      index={index}
      active={index === active}
      current={worker.worker_id === selectedId}
      style={style}
      onHover={() => setActive(index)}
      onChoose={() => choose(worker)}
    />
  );

  return (
    <div className="cp-switcher">
      <label htmlFor={inputId} className="cp-switcher-label">
        Worker
      </label>
      <div className="cp-switcher-control">
        <input
          ref={forwardedRef}
          id={inputId}
          className="cp-switcher-input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeWorker ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={workers.length === 0 ? 'No workers' : 'Search workers…'}
          value={open ? query : (selected?.name ?? '')}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={(event) => event.target.select()}
          onClick={() => {
            if (!open) openList('');
          }}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        <span className="cp-switcher-chevron" aria-hidden="true">
          ▾
        </span>
      </div>
      <div
        ref={listElement}
        id={listId}
        role="listbox"
        aria-label="Workers"
        className="cp-listbox"
        hidden={!open}
        style={virtual && open ? { height: Math.min(360, filtered.length * OPTION_HEIGHT) } : undefined}
      >
        {open && filtered.length === 0 ? <div className="cp-option-empty">No matching workers</div> : null}
        {open && !virtual ? filtered.map((worker, index) => renderOption(worker, index)) : null}
        {open && virtual ? (
          <div
            className="cp-listbox-inner"
            style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const worker = filtered[item.index];
              return worker ? renderOption(worker, item.index, placed(item.start)) : null;
            })}
          </div>
        ) : null}
      </div>
      <span className="cp-visually-hidden" aria-live="polite">
        {open ? `${filtered.length} worker${filtered.length === 1 ? '' : 's'} found` : ''}
      </span>
    </div>
  );
});

function placed(top: number): React.CSSProperties {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height: OPTION_HEIGHT,
    transform: `translateY(${top}px)`,
  };
}

function WorkerOption({
  worker,
  id,
  index,
  active,
  current,
  style,
  onHover,
  onChoose,
}: {
  worker: WorkerView;
  id: string;
  index: number;
  active: boolean;
  current: boolean;
  style: React.CSSProperties | undefined;
  onHover(): void;
  onChoose(): void;
}) {
  const status = worker.health?.status ?? 'unknown';
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: ARIA combobox pattern: the input owns the keyboard and points at options with aria-activedescendant
    // biome-ignore lint/a11y/useFocusableInteractive: options stay unfocusable in the combobox pattern; focus remains in the input
    <div
      id={id}
      role="option"
      aria-selected={active}
      data-index={index}
      className={active ? 'cp-option cp-option-active' : 'cp-option'}
      style={style}
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={onHover}
      onClick={onChoose}
    >
      <span className={`cp-dot cp-dot-${status}`} aria-hidden="true" />
      <span className="cp-option-main">
        <span className="cp-option-name">
          {worker.name}
          {current ? <span className="cp-visually-hidden"> (current)</span> : null}
        </span>
        <span className="cp-option-meta">
          {worker.worker_id}
          {worker.region ? ` · ${worker.region}` : ''}
          {` · ${status}`}
        </span>
      </span>
      {current ? (
        <span className="cp-option-check" aria-hidden="true">
          ✓
        </span>
      ) : null}
    </div>
  );
}
