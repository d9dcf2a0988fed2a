// The benchmark's chart (bench/run.sh calls it): an SVG of two panels, requests per second and
// p99 latency per figure, grouped bars for nginx / SQLite / PostgreSQL, both on log scales
// (the figures span four decades), each bar labelled with its value. Node only, no package.
//
//   node bench/chart.mjs bench/results/latest.json bench/results/latest.svg
import fs from "node:fs";

const [inFile, outFile] = process.argv.slice(2);
const entries = JSON.parse(fs.readFileSync(inFile, "utf8"));
const meta = entries.find((e) => e.name === "meta") || {};
const figures = entries.filter((e) => e.rps !== null && e.rps !== undefined);
const engines = meta.engines || [...new Set(figures.map((f) => f.engine).filter(Boolean))];

const SERIES = [
  { key: null, label: "nginx (static file)", color: "#7f7f7f" },
  { key: "sqlite", label: "SQLite", color: "#1f77b4" },
  { key: "postgresql", label: "PostgreSQL", color: "#ff7f0e" },
].filter((s) => s.key === null || engines.includes(s.key));
const groups = [...new Set(figures.map((f) => f.name))];
const valueOf = (name, key, field) => {
  const f = figures.find((x) => x.name === name && (x.engine ?? null) === key);
  return f ? f[field] : null;
};

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (v) => (Math.round(v * 10) / 10).toString();
const fmtRps = (v) => (v >= 10000 ? num(v / 1000) + "k" : v >= 1000 ? (v / 1000).toFixed(2) + "k" : v >= 10 ? v.toFixed(0) : v.toFixed(1));
const fmtMs = (v) => (v >= 10000 ? num(v / 1000) + " s" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const fmtTick = (v) => (v >= 1e6 ? v / 1e6 + "M" : v >= 1000 ? v / 1000 + "k" : String(v));

const W = 1100, LEFT = 80, RIGHT = 20, PANEL_H = 260, TOP = 108, GAP = 90;
const plotW = W - LEFT - RIGHT;
const groupW = plotW / Math.max(groups.length, 1);
const out = [];

function panel(y0, title, field, fmt, unitLabel) {
  const values = [];
  for (const g of groups) for (const s of SERIES) {
    const v = valueOf(g, s.key, field);
    if (v !== null && v > 0) values.push(v);
  }
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values, 1))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10)) + 0.15));
  const y = (v) => y0 + PANEL_H - (PANEL_H * (Math.log10(Math.max(v, lo)) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
  out.push(`<text x="${LEFT}" y="${y0 - 12}" class="panel">${esc(title)}</text>`);
  for (let t = lo; t <= hi * 1.0001; t *= 10) {
    out.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/>`);
    out.push(`<text x="${LEFT - 6}" y="${(y(t) + 4).toFixed(1)}" class="tick">${fmtTick(t)}</text>`);
  }
  out.push(`<text transform="translate(18 ${y0 + PANEL_H / 2}) rotate(-90)" class="axis">${esc(unitLabel)}</text>`);
  groups.forEach((g, gi) => {
    const present = SERIES.filter((s) => valueOf(g, s.key, field) !== null);
    const barW = Math.min(38, (groupW * 0.78) / Math.max(present.length, 1));
    const x0 = LEFT + gi * groupW + (groupW - barW * present.length) / 2;
    present.forEach((s, si) => {
      const v = valueOf(g, s.key, field);
      const x = x0 + si * barW, top = y(v);
      out.push(`<rect x="${(x + 1).toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" ` +
        `height="${(y0 + PANEL_H - top).toFixed(1)}" fill="${s.color}"><title>${esc(`${g}, ${s.label}: ${fmt(v)}`)}</title></rect>`);
      out.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(top - 4).toFixed(1)}" class="value">${esc(fmt(v))}</text>`);
    });
    out.push(`<text x="${(LEFT + gi * groupW + groupW / 2).toFixed(1)}" y="${y0 + PANEL_H + 18}" class="label">${esc(g)}</text>`);
  });
  out.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y0 + PANEL_H}" y2="${y0 + PANEL_H}" class="baseline"/>`);
  // nginx's figure across the panel: the reference every bar is compared with.
  const ref = groups.map((g) => valueOf(g, null, field)).find((v) => v !== null && v > 0);
  if (ref) {
    out.push(`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${y(ref).toFixed(1)}" y2="${y(ref).toFixed(1)}" class="ref"/>`);
    out.push(`<text x="${W - RIGHT - 2}" y="${(y(ref) - 4).toFixed(1)}" class="reflabel">nginx ${esc(fmt(ref))}</text>`);
  }
}

const at = meta.at ? meta.at.replace("T", " ").slice(0, 16) + " UTC" : "";
const cases = meta.cases ? Number(meta.cases).toLocaleString("en-US") + " cases" : "";
const H = TOP + 2 * PANEL_H + GAP + 60;
out.push(`<text x="${LEFT}" y="32" class="title">${esc(`Waishi benchmark: ${cases}, ${at}`)}</text>`);
out.push(`<text x="${LEFT}" y="54" class="sub">${esc(`machine: ${meta.machine || "?"}`)}</text>`);
out.push(`<text x="${LEFT}" y="72" class="sub">${esc(`wrk ${meta.wrk_threads ?? "?"} threads on the same machine, ` +
  `${meta.connections ?? 64} connections (searches ${meta.search_connections ?? 8}), ${meta.duration_s ?? "?"} s per figure; ` +
  `nginx serves the case read's answer as a static file`)}</text>`);
let lx = LEFT;
for (const s of SERIES) {
  out.push(`<rect x="${lx}" y="82" width="12" height="12" fill="${s.color}"/>`);
  out.push(`<text x="${lx + 17}" y="92" class="legend">${esc(s.label)}</text>`);
  lx += 30 + s.label.length * 7.5;
}
panel(TOP + 22, "Requests per second (higher is better; log scale)", "rps", fmtRps, "req/s");
panel(TOP + 22 + PANEL_H + GAP, "p99 latency (lower is better; log scale)", "p99_ms", fmtMs, "ms");

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
<style>
  .title { font-size: 19px; font-weight: bold; fill: #222; }
  .sub { font-size: 12px; fill: #555; }
  .panel { font-size: 14px; font-weight: bold; fill: #333; }
  .legend { font-size: 12px; fill: #333; }
  .tick { font-size: 11px; fill: #555; text-anchor: end; }
  .axis { font-size: 12px; fill: #555; text-anchor: middle; }
  .label { font-size: 12px; fill: #222; text-anchor: middle; }
  .value { font-size: 10px; fill: #222; text-anchor: middle; }
  .grid { stroke: #e3e3e3; stroke-width: 1; }
  .baseline { stroke: #888; stroke-width: 1; }
  .ref { stroke: #7f7f7f; stroke-width: 1; stroke-dasharray: 5 4; }
  .reflabel { font-size: 10px; fill: #555; text-anchor: end; }
  .value, .reflabel { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
${out.join("\n")}
</svg>
`;
fs.writeFileSync(outFile, svg);
