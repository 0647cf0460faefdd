import { decideRelay } from '@llm-control-plane/core';
import { describe, expect, it } from 'vitest';
import { createRelayDecisions } from '../src/http/relay-decisions.js';

/** The remembered route policy must answer exactly as the policy itself, however many paths it has seen. */
describe('createRelayDecisions', () => {
  const paths = [
    '/key/list',
    '/chat/completions',
    '/%63hat/completions',
    '/CHAT/completions',
    '/key/../chat/completions',
    '/key%2Finfo',
    '/metrics',
    '',
    '/',
  ];

  it('gives the policy decision for every spelling, first time and again', () => {
    const decide = createRelayDecisions();
    for (let round = 0; round < 3; round++) {
      for (const path of paths) expect(decide(path), `${path} round ${round}`).toEqual(decideRelay(path));
    }
  });

  it('still decides correctly after more distinct paths than it remembers, and for very long paths', () => {
    const decide = createRelayDecisions();
    for (let index = 0; index < 3_000; index++) {
      const path = index % 3 === 0 ? `/key/sk-${index}/regenerate` : `/key/info?key=${index}`;
      expect(decide(path).allowed).toBe(decideRelay(path).allowed);
      // Interleaved, so that a refusal is asked for again after every kind of turnover.
      expect(decide('/chat/completions')).toEqual(decideRelay('/chat/completions'));
    }
    const long = `/chat/completions/${'x'.repeat(300)}`;
    expect(decide(long)).toEqual(decideRelay(long));
    expect(decide(long).allowed).toBe(false);
  });
});
