import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAnnouncer } from '../src/app/shell-state.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useAnnouncer', () => {
  it('empties the live region first, then shows the latest message', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useAnnouncer());
    act(() => result.current[1]('Key created'));
    expect(result.current[0]).toBe('');
    act(() => result.current[1]('Key blocked'));
    act(() => vi.advanceTimersByTime(30));
    expect(result.current[0]).toBe('Key blocked');
  });

  it('leaves no timer behind when the shell unmounts with a message pending', () => {
    vi.useFakeTimers();
    const { result, unmount } = renderHook(() => useAnnouncer());
    act(() => result.current[1]('Signed out'));
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
