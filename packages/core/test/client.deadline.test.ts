import { describe, expect, it } from 'vitest';
import { startDeadline } from '../src/client/deadline.js';

const wait = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('call deadline', () => {
  it('tells its end listener when the time passes, and a signal asked for later is already aborted', async () => {
    const deadline = startDeadline(30, undefined);
    const reasons: Error[] = [];
    deadline.onEnd((reason) => reasons.push(reason));
    await wait(80);
    expect(deadline.timedOut).toBe(true);
    expect(deadline.callerAborted).toBe(false);
    expect(reasons).toEqual([deadline.reason]);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe(deadline.reason);
    // A listener set after the end hears of it at once (an attempt started just too late).
    const late: Error[] = [];
    deadline.onEnd((reason) => late.push(reason));
    expect(late).toEqual([deadline.reason]);
    deadline.dispose();
  });

  it('ends when the caller aborts, through both the listener and a signal made before', () => {
    const caller = new AbortController();
    const deadline = startDeadline(10_000, caller.signal);
    const signal = deadline.signal;
    const reasons: Error[] = [];
    deadline.onEnd((reason) => reasons.push(reason));
    caller.abort();
    expect(deadline.callerAborted).toBe(true);
    expect(deadline.timedOut).toBe(false);
    expect(signal.aborted).toBe(true);
    expect(reasons).toHaveLength(1);
    deadline.dispose();
  });

  it('after dispose neither the timer nor the caller reaches the listener', async () => {
    const caller = new AbortController();
    const deadline = startDeadline(20, caller.signal);
    const reasons: Error[] = [];
    deadline.onEnd((reason) => reasons.push(reason));
    deadline.dispose();
    caller.abort();
    await wait(60);
    expect(reasons).toEqual([]);
    expect(deadline.reason).toBeUndefined();
  });
});
