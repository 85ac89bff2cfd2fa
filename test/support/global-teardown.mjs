export default async function globalTeardown() {
  const pg = globalThis.__TORG_PG__;
  if (pg) await pg.stop();
}
