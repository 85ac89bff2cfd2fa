import { readXlsxRows } from './platform/files/xlsx-rows';
(async () => {
  let n = 0;
  for await (const rows of readXlsxRows(process.argv[2])) { for (const r of rows) { if (n++ < 4) console.log(r); } }
  console.log('rows', n);
})().catch((e) => { console.error('ERR', e); });
