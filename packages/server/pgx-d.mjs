import { PGlite } from '@electric-sql/pglite';
const db = new PGlite();
await db.exec("create table t (id serial primary key, at timestamptz default clock_timestamp(), n timestamptz default now())");
for (let i=0;i<300;i++) await db.query('insert into t default values');
const r = await db.query("select id, at, n, extract(epoch from at)*1000 as e from t order by id");
let prev=null, back=0;
for (const row of r.rows) { if (prev && row.at < prev.at) { back++; console.log('back', prev.id, prev.e, row.id, row.e); } prev=row; }
console.log('backs', back, r.rows[0].e, r.rows.at(-1).e, Date.now());
