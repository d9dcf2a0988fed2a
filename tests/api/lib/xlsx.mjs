// Reading the server's Excel exports as a user's spreadsheet would: exceljs, the web's dependency.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { expectStatus } from './client.mjs';

export const ExcelJS = createRequire(new URL('../../../web/package.json', import.meta.url))('exceljs');

/** The workbook `client` downloads from `path`: its first sheet's header, rows of cell values, and a row's cell by its header. */
export async function sheetOf(client, path) {
  const r = await client.get(path, { raw: true });
  expectStatus(r, 200, `${client.name} downloads ${path}`);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(r.bytes);
  const rows = [];
  book.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)));
  return { header: rows[0], rows: rows.slice(1), cell: (row, name) => row[rows[0].indexOf(name)] };
}
