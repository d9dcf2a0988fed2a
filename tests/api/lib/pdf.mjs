// What poppler-utils and zbar-tools say about a PDF held in a Buffer (a downloaded document):
// its text, its fonts, its signature and the QR codes on its pages. Each runs the tool on a
// temporary copy, removed afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile(pdf, fn) {
  const dir = mkdtempSync(join(tmpdir(), 'waishi-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The standard output of a tool, also when it exits non-zero (pdfsig does on a bad signature).
function run(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

// { text }: pdftotext's plain text of every page.
export function pdfText(pdf) {
  return withFile(pdf, (file) => ({ text: run('pdftotext', [file, '-']) }));
}

// { fonts: [{ name, type, embedded, subset }] } from pdffonts' table.
export function pdfFonts(pdf) {
  return withFile(pdf, (file) => {
    const lines = run('pdffonts', [file]).split('\n');
    const rule = lines[1] ?? '';
    // The columns are as wide as the rule's dash groups: name, type, encoding, emb, sub, uni, …
    const cols = [];
    for (let i = 0, start = 0; i <= rule.length; i++) {
      if (i === rule.length || rule[i] === ' ') {
        if (i > start) cols.push([start, i]);
        start = i + 1;
      }
    }
    const cell = (line, k) => line.slice(cols[k][0], cols[k][1]).trim();
    const fonts = lines.slice(2).filter((l) => l.trim() !== '').map((l) => ({
      name: cell(l, 0), type: cell(l, 1), embedded: cell(l, 3) === 'yes', subset: cell(l, 4) === 'yes',
    }));
    return { fonts };
  });
}

// { valid, unmodified, signer, raw }: pdfsig's verdict on the (first) signature. valid: the
// signature matches the signed bytes; unmodified: it covers the whole file (nothing appended).
export function pdfSig(pdf) {
  return withFile(pdf, (file) => {
    const raw = run('pdfsig', [file]);
    return {
      valid: raw.includes('Signature Validation: Signature is Valid.'),
      unmodified: raw.includes('Total document signed') && !raw.includes('Not total document signed'),
      signer: /Signer Certificate Common Name: (.*)/.exec(raw)?.[1]?.trim() ?? null,
      raw,
    };
  });
}

// The texts of the QR codes on the pages (rendered at 150 dpi with pdftoppm, read by zbarimg),
// in page order; `page` limits it to one page.
export function qrCodes(pdf, page = null) {
  return withFile(pdf, (file, dir) => {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    execFileSync('pdftoppm', ['-png', '-r', '150', ...range, file, join(dir, 'page')]);
    const images = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    const found = [];
    for (const image of images) {
      // zbarimg exits 4 when an image holds no code: that is an empty answer, not an error.
      const out = run('zbarimg', ['-q', '--raw', join(dir, image)]);
      found.push(...out.split('\n').filter((l) => l !== '' && !l.includes('Connection')));
    }
    return found;
  });
}
