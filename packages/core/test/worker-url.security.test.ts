import { describe, expect, it } from 'vitest';
import { validateWorkerUrl } from '../src/index.js';

/** The reason `validateWorkerUrl` refuses a URL under the runtime host rules, or null when it accepts it. */
function problem(url: string, allowedHosts: readonly string[] | undefined): string | null {
  try {
    validateWorkerUrl(url, { allowedHosts: allowedHosts ?? [] });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('validateWorkerUrl with the runtime host rules (allowed_worker_hosts)', () => {
  it('allows every host but cloud metadata addresses when no list is configured', () => {
    expect(problem('http://10.0.0.5:4000', undefined)).toBeNull();
    expect(problem('https://litellm.example.com', [])).toBeNull();
    for (const url of [
      'http://169.254.169.254',
      'http://[::ffff:169.254.169.254]',
      'http://metadata.google.internal',
      'http://[fd00:ec2::254]',
      'http://0xA9FEA9FE',
    ]) {
      const parsed = new URL(url).toString().replace(/\/$/, '');
      expect(problem(parsed, undefined), url).toMatch(/metadata/);
    }
    expect(problem('http://169.254.169.254', ['169.254.169.254'])).toBeNull();
    expect(problem('http://169.254.169.254', ['169.254.0.0/16'])).toMatch(/metadata/);
  });

  it('matches exact names, subdomain wildcards, CIDR ranges and pinned ports', () => {
    const list = [
      'workers.internal',
      '*.litellm.example.com',
      '10.20.0.0/16',
      'pinned.internal:4000',
      '[fd00::1]:8443',
    ];
    const allowed = [
      'http://workers.internal:4000',
      'https://eu.litellm.example.com',
      'http://a.b.litellm.example.com',
      'http://10.20.3.4:4000',
      'http://pinned.internal:4000',
      'https://[fd00::1]:8443',
      'http://WORKERS.internal.',
    ];
    const refused = [
      'http://litellm.example.com',
      'http://evil-litellm.example.com',
      'http://10.21.0.1',
      'http://pinned.internal:4001',
      'http://pinned.internal',
      'https://[fd00::1]',
      'http://workers.internal.evil.com',
      'http://127.0.0.1:4000',
    ];
    for (const url of allowed) expect(problem(url, list), url).toBeNull();
    for (const url of refused) expect(problem(url, list), url).toMatch(/allowed_worker_hosts/);
  });

  it("applies the host rules only when asked: config-file workers are the operator's own choice", () => {
    expect(validateWorkerUrl('http://169.254.169.254/')).toBe('http://169.254.169.254');
    expect(() => validateWorkerUrl('http://169.254.169.254/', { allowedHosts: [] })).toThrow(/metadata/);
    // Format rules come first, whatever the host rules.
    expect(() => validateWorkerUrl('ftp://workers.internal', { allowedHosts: ['workers.internal'] })).toThrow(
      'must use http or https',
    );
  });
});
