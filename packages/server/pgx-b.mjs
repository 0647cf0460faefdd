import { PGlite } from '@electric-sql/pglite';
const dir = process.argv[2];
const t = Date.now();
try {
const db = new PGlite({ dataDir: dir, relaxedDurability: false });
await db.waitReady;
console.log('ready', Date.now() - t);
console.log((await db.query('select 1 as x')).rows);
await db.close();
} catch (e) { console.log('ERR', e?.constructor?.name, String(e?.message).slice(0,300)); }
