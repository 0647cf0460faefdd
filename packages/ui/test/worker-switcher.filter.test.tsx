import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkerView } from '../src/api/contract.js';
import { filterWorkers, WorkerSwitcher } from '../src/components/WorkerSwitcher.js';
import { WORKERS } from './support/fleet-fixtures.js';

const [US_EAST] = WORKERS as [WorkerView, ...WorkerView[]];

function many(count: number): WorkerView[] {
  return Array.from({ length: count }, (_, index) => ({
    ...US_EAST,
    worker_id: `w-${String(index).padStart(3, '0')}`,
    name: `Worker ${String(index).padStart(3, '0')}`,
  }));
}

function names(workers: WorkerView[]): string[] {
  return workers.map((worker) => worker.name);
}

describe('filterWorkers', () => {
  it('keeps every worker for an empty or blank query', () => {
    expect(names(filterWorkers(WORKERS, '  '))).toEqual(['US East', 'EU West', 'AP South']);
  });

  it('puts name and id prefix matches before matches elsewhere', () => {
    const workers = [
      { ...US_EAST, worker_id: 'w-1', name: 'Primary', region: 'eu-central-1' },
      { ...US_EAST, worker_id: 'w-2', name: 'EU Backup', region: 'eu-west-2' },
    ];
    expect(names(filterWorkers(workers, 'eu'))).toEqual(['EU Backup', 'Primary']);
  });

  it('matches label values and regions, ignoring case', () => {
    expect(names(filterWorkers(WORKERS, 'STAGING'))).toEqual(['AP South']);
    expect(names(filterWorkers(WORKERS, 'west-1'))).toEqual(['EU West']);
    expect(filterWorkers(WORKERS, 'nowhere')).toEqual([]);
  });
});

describe('worker switcher keys and pointer', () => {
  afterEach(cleanup);

  const setup = (workers = WORKERS) => {
    const selected: string[] = [];
    render(<WorkerSwitcher workers={workers} selectedId="us-east" onSelect={(id) => selected.push(id)} />);
    const input = screen.getByRole('combobox', { name: 'Worker' });
    const active = () =>
      document.getElementById(input.getAttribute('aria-activedescendant') ?? '')?.textContent;
    return { selected, input, active };
  };

  it('jumps to the last and first worker with End and Home', () => {
    const { input, active, selected } = setup();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'End' });
    expect(active()).toContain('AP South');
    fireEvent.keyDown(input, { key: 'Home' });
    expect(active()).toContain('US East');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(selected).toEqual(['us-east']);
  });

  it('stops at the ends instead of wrapping with PageDown and ArrowUp', () => {
    const { input, active } = setup();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'PageDown' });
    expect(active()).toContain('AP South');
    fireEvent.keyDown(input, { key: 'PageUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(active()).toContain('US East');
  });

  it('selects a worker by click and announces how many match', () => {
    const { input, selected } = setup();
    fireEvent.change(input, { target: { value: 'prod' } });
    expect(screen.getByText('2 workers found')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('listbox', { name: 'Workers' })).getByText('EU West'));
    expect(selected).toEqual(['eu-west']);
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes on Tab without switching and shows the current worker again', () => {
    const { input, selected } = setup();
    fireEvent.change(input, { target: { value: 'ap' } });
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(selected).toEqual([]);
    expect(input).toHaveProperty('value', 'US East');
  });

  it('marks the selected worker and shows each worker health status', () => {
    const { input } = setup();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const options = screen.getAllByRole('option');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    expect(options[0]?.textContent).toContain('healthy');
    expect(options[2]?.textContent).toContain('unreachable');
  });

  it('renders only the visible options of a long list but reaches the last with End', () => {
    const { input, active, selected } = setup(many(500));
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.queryAllByRole('option').length).toBeLessThan(100);
    expect(screen.getByText('500 workers found')).toBeTruthy();
    fireEvent.change(input, { target: { value: 'Worker 49' } });
    expect(screen.getByText('10 workers found')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'End' });
    expect(active()).toContain('Worker 499');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(selected).toEqual(['w-499']);
  });

  it('says there are no workers when the fleet is empty', () => {
    render(<WorkerSwitcher workers={[]} selectedId={undefined} onSelect={() => {}} />);
    expect(screen.getByRole('combobox', { name: 'Worker' }).getAttribute('placeholder')).toBe('No workers');
  });
});
