// The parser of docs/authorization.md: the authorization matrix as the document states it.
//
// The document's matrix tables all share one header:
//   | endpoint | anonymous | citizen | … every role … |
// A row is
//   | `METHOD /api/v1/path` | cell | cell | … |          an endpoint (a query may follow the path)
//   | `<case type>: <action> from <state>` | cell | … |   a transition of a case type
// and a cell is
//   200          the status for every record the row is tried on
//   200/404      the status on a record of the caller's own organization / of another one
//   ↓            (every cell of the row) see the transition tables
// optionally followed by a bug marker, ` (B1)`: the status is what the server must answer and
// B1 in the document's "Known bugs" says what it answers today.
//
// The parser is strict: a table line it cannot read, a table with another header, a cell
// outside the grammar or a row named twice throws, naming the line.
import fs from 'node:fs';

const ENDPOINT = /^`(GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/[^`\s?]*)(\?[^`\s]*)?`$/;
const TRANSITION = /^`([a-z_]+): ([a-z_]+) from ([a-z_]+)`$/;
const CELL = /^(?:(\d{3})(?:\/(\d{3}))?|(↓))(?: \((B\d+)\))?$/;

function splitRow(line) {
  const t = line.trim();
  if (!t.startsWith('|') || !t.endsWith('|')) return null;
  return t.slice(1, -1).split('|').map((c) => c.trim());
}

// Returns {columns: [role…], rows: [{key, section, line, kind, method, path, query, type,
// action, from, cells: {role: {own, other, bug} | {see: true}}}], bugs: Set of ids}.
export function parseMatrix(text) {
  const lines = text.split('\n');
  let columns = null;
  let section = '';
  let inTable = false;
  const rows = [];
  const seen = new Set();
  const bugs = new Set();
  const fail = (i, why) => { throw new Error(`docs/authorization.md line ${i + 1}: ${why}: ${lines[i]}`); };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^#{2,3} (.*)$/.exec(line);
    if (heading) section = heading[1].trim();
    const bug = /^- \*\*(B\d+)\*\*/.exec(line);
    if (bug) bugs.add(bug[1]);
    if (!line.trim().startsWith('|')) {
      inTable = false;
      continue;
    }
    const cells = splitRow(line);
    if (!cells) fail(i, 'not a table row');
    if (!inTable) {
      // A header, then its separator.
      if (cells[0] !== 'endpoint') fail(i, 'a table whose first column is not "endpoint"');
      const header = cells.slice(1);
      if (columns && header.join('|') !== columns.join('|')) fail(i, 'a header unlike the first table\'s');
      columns = header;
      const sep = splitRow(lines[i + 1] || '');
      if (!sep || sep.length !== cells.length || !sep.every((c) => /^:?-{3,}:?$/.test(c))) {
        fail(i + 1, 'the header is not followed by its separator');
      }
      i += 1;
      inTable = true;
      continue;
    }
    if (cells.length !== columns.length + 1) fail(i, `${cells.length - 1} cells for ${columns.length} columns`);
    const key = cells[0];
    if (seen.has(key)) fail(i, 'a row named twice');
    seen.add(key);
    const row = { key, section, line: i + 1, cells: {} };
    let m;
    if ((m = ENDPOINT.exec(key))) {
      Object.assign(row, { kind: 'endpoint', method: m[1], path: m[2], query: m[3] || '' });
    } else if ((m = TRANSITION.exec(key))) {
      Object.assign(row, { kind: 'transition', type: m[1], action: m[2], from: m[3] });
    } else {
      fail(i, 'the first cell is neither `METHOD /api/v1/…` nor `type: action from state`');
    }
    let arrows = 0;
    columns.forEach((role, k) => {
      const c = CELL.exec(cells[k + 1]);
      if (!c) fail(i, `cell "${cells[k + 1]}" (${role}) is not STATUS, STATUS/STATUS or ↓, with an optional (Bn)`);
      if (c[3]) {
        arrows += 1;
        row.cells[role] = { see: true };
      } else {
        const own = Number(c[1]);
        row.cells[role] = { own, other: c[2] ? Number(c[2]) : own, split: Boolean(c[2]), bug: c[4] || null };
      }
    });
    if (arrows !== 0 && arrows !== columns.length) fail(i, '↓ in some cells only');
    row.see = arrows > 0;
    rows.push(row);
  }
  if (!columns) throw new Error('docs/authorization.md: no matrix table');
  for (const r of rows) {
    for (const c of Object.values(r.cells)) {
      if (c.bug && !bugs.has(c.bug)) throw new Error(`docs/authorization.md line ${r.line}: ${c.bug} is not in "Known bugs"`);
    }
  }
  return { columns, rows, bugs };
}

export function readMatrix(url = new URL('../../../docs/authorization.md', import.meta.url)) {
  return parseMatrix(fs.readFileSync(url, 'utf8'));
}
