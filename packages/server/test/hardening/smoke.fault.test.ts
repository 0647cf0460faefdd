import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { openStore } from '../../src/index.js';

it('store timing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cp-t-'));
  let t0 = Date.now();
  let s = await openStore({ dataDir: dir });
  console.log('open ms', Date.now() - t0);
  await s.close();
  const dir2 = await mkdtemp(join(tmpdir(), 'cp-t-'));
  t0 = Date.now();
  await cp(dir, dir2, { recursive: true });
  console.log('copy ms', Date.now() - t0);
  t0 = Date.now();
  s = await openStore({ dataDir: dir2 });
  console.log('reopen copy ms', Date.now() - t0);
  await s.close();
  t0 = Date.now();
  s = await openStore({ dataDir: dir2 });
  console.log('reopen again ms', Date.now() - t0);
  await s.close();
}, 200_000);
