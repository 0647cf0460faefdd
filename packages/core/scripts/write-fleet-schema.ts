import { writeFile } from 'node:fs/promises';
import { fleetFileJsonSchema } from '../src/fleet-file/schema.js';

// fleet.schema.json is generated from FleetFileSchema; a test fails when the two differ.
await writeFile(
  new URL('../fleet.schema.json', import.meta.url),
  `${JSON.stringify(fleetFileJsonSchema(), null, 2)}\n`,
);
