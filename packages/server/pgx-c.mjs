const mod = await import('pg/lib/client.js');
const Client = mod.default;
console.log(typeof Client);
const c = new Client({ connectionString: 'postgres://u:p@127.0.0.1:1/db' });
await c.connect().catch(e => console.log('connect err', e.code));
