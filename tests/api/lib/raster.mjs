// A PDF's page as pixels (poppler's pdftoppm, PPM output), to check what a document draws rather
// than what it says: a map's land, sea and marker. Runs the tool on a temporary copy, removed
// afterwards.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// { width, height, at(x, y) → [r, g, b] } of page `page` rendered at `dpi` dots per inch.
export function pdfPixels(pdf, { page = 1, dpi = 50 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'waishi-raster-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file,
      join(dir, 'page')]);
    const ppm = readFileSync(join(dir, 'page.ppm'));
    // P6: "P6", width, height, the largest value (255), each followed by one white space; then RGB.
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm did not write an 8-bit PPM');
    const [, width, height] = header.map(Number);
    const start = header[0].length;
    return {
      width,
      height,
      at(x, y) {
        const i = start + (y * width + x) * 3;
        return [ppm[i], ppm[i + 1], ppm[i + 2]];
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Whether two colours are within `tolerance` in each of red, green and blue.
export function near(a, b, tolerance = 6) {
  return a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
}
