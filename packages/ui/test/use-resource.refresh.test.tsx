import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useResource } from '../src/hooks/useResource.js';
import { type FixtureServer, startFixtureServer } from './support/fixture-server.js';

function SlowFleet({ url }: { url: string }) {
  // Refreshes far more often than the server answers, like a 5 s refresh against a fleet with a hanging worker.
  const resource = useResource(
    'slow',
    (signal) => fetch(url, { signal }).then((response) => response.json() as Promise<{ answer: number }>),
    { refreshMs: 40 },
  );
  return (
    <p>
      {resource.data ? `answer ${resource.data.answer}` : resource.error ? resource.error.message : 'waiting'}
    </p>
  );
}

describe('live refresh', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await startFixtureServer();
    let answer = 0;
    server.on('GET /slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      answer += 1;
      return { body: { answer } };
    });
  });
  afterEach(async () => {
    cleanup();
    await server.close();
  });

  it('lets a slow answer finish instead of cancelling it on every tick', async () => {
    render(<SlowFleet url={`${server.url}/slow`} />);
    expect(await screen.findByText(/^answer \d+$/)).toBeTruthy();
    // Ticks during a request are skipped, so requests never pile up or abort each other.
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });
});
