// The benchmark's report (bench/run.sh calls it): reads the lines run.sh collected, prints a
// table per engine, the engines side by side next to nginx and the targets, and writes
// bench/results/latest.json.
//
//   node bench/report.mjs RESULTS.jsonl LATEST.json
//
// RESULTS.jsonl holds one JSON object per line, by "kind":
//   figure       one wrk run: name, engine (null for nginx_static), the wrk figures, CPU, memory
//   single       one value: name, engine (null when no database is involved), value, unit, ...
//   engine_meta  what describes an engine's run (database, answer size, who searched, sizes)
//   meta         the run's settings and machine
import fs from "node:fs";

const [linesFile, outFile] = process.argv.slice(2);
const lines = fs.readFileSync(linesFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const meta = lines.find((l) => l.kind === "meta");
const engines = meta.engines;
const ENGINE_NAMES = { sqlite: "SQLite", postgresql: "PostgreSQL" };
// Table lines without trailing blanks.
const print = (s = "") => console.log(s.trimEnd());

const figures = lines.filter((l) => l.kind === "figure");
const nginx = figures.find((f) => f.name === "nginx_static");
const singles = lines.filter((l) => l.kind === "single");
const engineMeta = Object.fromEntries(lines.filter((l) => l.kind === "engine_meta").map(({ kind, engine, ...rest }) => [engine, rest]));
const figureOf = (engine, name) => figures.find((f) => f.engine === engine && f.name === name);
const singleOf = (engine, name) => singles.find((s) => s.engine === engine && s.name === name);

// --- latest.json -------------------------------------------------------------------------------
const rows = figures.map((f) => {
  const { kind, name, engine, ...r } = f;
  return {
    name, engine, rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms,
    ratio_to_nginx: nginx && nginx.rps ? Number((r.rps / nginx.rps).toFixed(3)) : null,
    ...r,
  };
});
const extra = singles.map((s) => {
  const { kind, name, engine, value, unit, pdf, ...rest } = s;
  return { name, engine, rps: null, p50_ms: null, p99_ms: null, ratio_to_nginx: null, value, unit, ...rest, ...(pdf || {}) };
});
const { kind: _k, ...metaFields } = meta;
const metaEntry = { name: "meta", rps: null, p50_ms: null, p99_ms: null, ratio_to_nginx: null, ...metaFields, by_engine: engineMeta };
fs.writeFileSync(outFile, JSON.stringify([...rows, ...extra, metaEntry], null, 1) + "\n");

// --- the tables ----------------------------------------------------------------------------------
const pad = (s, n) => String(s).padStart(n);
const fixed = (v, d) => (v === null || v === undefined ? "-" : Number(v).toFixed(d));
const times = (v) => (v === null ? "-" : v > 0 && v < 0.01 ? "<0.01" : v.toFixed(2));
const errorsOf = (r) => r.non2xx + r.socket_errors + r.timeouts;
const ratio = (r) => (nginx && nginx.rps ? r.rps / nginx.rps : null);
const scale = meta.cases === 1000000 ? "" : `, meant for 1M cases (this run: ${meta.cases})`;

for (const engine of engines) {
  const em = engineMeta[engine] || {};
  print("");
  print(`${ENGINE_NAMES[engine]}: ${em.database || "?"}`);
  print("name                  conns     req/s    p50 ms    p99 ms  x nginx  CPU cores  CPU us/req  after s  peak MB  errors");
  for (const r of [nginx, ...figures.filter((f) => f.engine === engine)].filter(Boolean)) {
    const busy = r.other_load_pct_before > meta.busy_limit ? "  (machine " + r.other_load_pct_before + "% busy before)" : "";
    const pg = r.postgres_cpu_cores !== null && r.postgres_cpu_cores !== undefined ? `  (postgres ${r.postgres_cpu_cores.toFixed(2)})` : "";
    print(r.name.padEnd(20) + pad(r.connections, 7) + pad(r.rps.toFixed(0), 10) + pad(r.p50_ms.toFixed(2), 10) +
      pad(r.p99_ms.toFixed(2), 10) + pad(times(ratio(r)), 9) + pad(fixed(r.server_cpu_cores, 2), 11) +
      pad(r.server_cpu_us_per_request === null ? "-" : r.server_cpu_us_per_request, 12) +
      pad((r.server_busy_after_ms / 1000).toFixed(1), 9) + pad(fixed(r.server_peak_rss_mb, 0), 9) +
      pad(errorsOf(r) ? errorsOf(r) + " !" : "0", 8) + pg + busy);
  }
  const s = figureOf(engine, "create_submit");
  if (s) print("  create_submit: " + s.created + " created, " + s.submitted + " submitted (" + s.submits_per_s +
    " submissions/s, each a create + a submit), " + (s.submit_failed + s.create_failed + s.other_status) + " refused");
  const exported = singleOf(engine, "export_xlsx_s");
  if (exported) print("  export of " + exported.rows + " cases to xlsx (one month, as the officer): " + exported.seconds +
    " s, " + exported.file_mb + " MB; server memory " + exported.rss_before_mb + " MB before, peak " + exported.peak_rss_mb + " MB" +
    (exported.peak_anon_mb !== undefined ? " (allocated: " + exported.peak_anon_mb + " MB)" : ""));
  const v = (name) => singleOf(engine, name)?.value;
  const generated = v("bench_data_s");
  print(`  startup ${v("startup_ms")} ms, memory ${v("rss_mb")} MB (peak ${v("peak_rss_mb")} MB)` +
    (engine === "postgresql" ? `, PostgreSQL processes ${v("postgres_pss_mb")} MB (PSS), cluster started in ${v("postgres_start_ms")} ms` : "") +
    (generated !== undefined ? `; database generated in ${generated} s` : "; database cached") + `; ${meta.cases} cases` +
    `; database ${em.database_before_run} before the runs, ${em.database_after_run} after`);
}
print("");
print(`CPU cores: the server's CPU time during the run / its duration (of ${meta.cores} cores; wrk uses the rest);`);
print("  on PostgreSQL the server's includes the PostgreSQL processes' (their share in parentheses).");
print("CPU us/req: the server's CPU time per request, including the work it did after the run;");
print("after s: how long the server kept working once the run was over (queued audit writes).");
print("peak MB: waishi's peak resident memory (VmHWM) so far, after this run.");
const pdf = singleOf(null, "pdf_letters_per_s")?.pdf;
if (pdf) print("PDF generation: " + pdf.per_second + " letters per second on one core (render + sign, " +
  pdf.pages + " pages with a 20-row table, " + (pdf.bytes / 1024).toFixed(0) + " KB each)");

// --- the targets (PRODUCT.md section 5; issue 9 for the rest) ---------------------------------------
// Each: the figure (or single value) it judges, a label, and per engine [the target's words,
// the test, the value shown]. An engine without an entry has no target there: its value is shown.
const searchDone = (r) => r.requests > 0;  // a run in which no request completed measured nothing (wrk reports 0 ms)
const ms = (v) => v.toFixed(2) + " ms";
const targets = [
  { figure: "case_read", label: "case read req/s vs nginx (64 conns)", show: (r) => fixed(ratio(r), 2) + "x",
    sqlite: [">= 0.5x", (r) => ratio(r) >= 0.5], postgresql: [">= 0.3x", (r) => ratio(r) >= 0.3] },
  { figure: "case_read", label: "case read p99", show: (r) => ms(r.p99_ms), sqlite: ["< 5 ms", (r) => r.p99_ms < 5] },
  { figure: "officer_queue", label: "officer queue p50", show: (r) => ms(r.p50_ms), sqlite: ["< 10 ms", (r) => r.p50_ms < 10] },
  ...["search_2char", "search_4char"].flatMap((f) => [
    { figure: f, label: f.replace("_", " ") + " p50", show: (r) => (searchDone(r) ? ms(r.p50_ms) : "nothing completed"),
      sqlite: ["< 20 ms", (r) => searchDone(r) && r.p50_ms < 20], postgresql: ["< 50 ms", (r) => searchDone(r) && r.p50_ms < 50] },
    { figure: f, label: f.replace("_", " ") + " p99", show: (r) => (searchDone(r) ? ms(r.p99_ms) : "nothing completed"),
      sqlite: ["< 50 ms", (r) => searchDone(r) && r.p99_ms < 50] },
  ]),
  { figure: "create", label: "submission (create) req/s", show: (r) => r.rps.toFixed(0) + "/s",
    sqlite: [">= 2000/s", (r) => r.rps >= 2000] },
  { figure: "create_submit", label: "create+submit submits_per_s", show: (r) => Number(r.submits_per_s).toFixed(0) + "/s",
    sqlite: [">= 2000/s", (r) => Number(r.submits_per_s) >= 2000] },
  { single: "crisis_p50_ms", label: "crisis query p50 (300 km, 3 days)", show: (s) => ms(s.value),
    sqlite: ["< 50 ms", (s) => s.value < 50], postgresql: ["< 50 ms", (s) => s.value < 50] },
  { single: "crisis_vs_scan", label: "crisis query vs full scan", show: (s) => s.value + "x",
    sqlite: [">= 100x", (s) => s.value >= 100], postgresql: [">= 100x", (s) => s.value >= 100] },
  { single: "roll_call_10k_ms", label: "roll call to 10,000 people (outbox)", show: (s) => ms(s.value) },
  { single: "import_first_legs_per_s", label: "itinerary import, first run", show: (s) => s.value + " legs/s" },
  { single: "import_legs_per_s", label: "itinerary import", show: (s) => s.value + " legs/s",
    sqlite: [">= 200000/s", (s) => s.value >= 200000] },
  { single: "startup_ms", label: "start-up", show: (s) => s.value + " ms", sqlite: ["< 1 s", (s) => s.value < 1000] },
  { single: "rss_mb", label: "memory after the runs", show: (s) => s.value + " MB", sqlite: ["< 300 MB", (s) => s.value < 300] },
];
// verdicts[engine][figure] = "PASS" | "MISS" (MISS when any of the figure's targets is missed)
const verdicts = Object.fromEntries(engines.map((e) => [e, {}]));
const cells = targets.map((t) => engines.map((engine) => {
  const subject = t.figure ? figureOf(engine, t.figure) : singleOf(engine, t.single);
  if (!subject) return t[engine] ? "n/a   not measured" : "-";
  if (!t[engine]) return "info  " + t.show(subject);
  const ok = t[engine][1](subject);
  const word = ok ? "PASS" : "MISS";
  if (t.figure) verdicts[engine][t.figure] = verdicts[engine][t.figure] === "MISS" ? "MISS" : word;
  return word + "  " + t.show(subject) + " (" + t[engine][0] + ")";
}));

// --- side by side ---------------------------------------------------------------------------------
const GROUP = 48;
const group = (engine, r) => {
  if (!r) return "-".padStart(10).padEnd(GROUP);
  return (pad(r.rps.toFixed(0), 10) + pad(r.p50_ms.toFixed(2), 9) + pad(r.p99_ms.toFixed(2), 9) +
    pad(times(ratio(r)), 9) + "  " + (verdicts[engine][r.name] || "")).padEnd(GROUP);
};
const names = [...new Set(figures.filter((f) => f.engine !== null).map((f) => f.name))];
print("");
print(`side by side: ${meta.cases} cases, ${meta.duration_s} s per figure; nginx (ref.) measured once, both engines compared with it`);
const head = "    req/s   p50 ms   p99 ms  x nginx  target";
print("".padEnd(22) + engines.map((e) => ("| " + ENGINE_NAMES[e]).padEnd(GROUP + 2)).join(""));
print("figure               " + engines.map(() => " |" + head.padEnd(GROUP)).join(""));
if (nginx) {
  const ref = pad(nginx.rps.toFixed(0), 10) + pad(nginx.p50_ms.toFixed(2), 9) + pad(nginx.p99_ms.toFixed(2), 9) + pad("1.00", 9);
  print("nginx_static".padEnd(16) + pad(nginx.connections, 5) + " |" + (ref + "  ref.").padEnd(GROUP) +
    engines.slice(1).map(() => " |" + "".padEnd(GROUP)).join(""));
}
for (const name of names) {
  const any = engines.map((e) => figureOf(e, name)).find(Boolean);
  print(name.padEnd(16) + pad(any.connections, 5) + engines.map((e) => " |" + group(e, figureOf(e, name))).join(""));
}

print("");
const W = 52;
print("targets".padEnd(40) + engines.map((e) => ("  " + ENGINE_NAMES[e]).padEnd(W)).join(""));
targets.forEach((t, i) => print("  " + t.label.padEnd(38) + cells[i].map((c) => ("  " + c).padEnd(W)).join("")));
print("  (PRODUCT.md section 5 and issue 9" + scale + "; info: no target on this engine; n/a: not measured)");

const bad = rows.filter((r) => errorsOf(r) > 0);
if (bad.length) {
  print("");
  print("WARNING: errors during " + bad.map((r) => (r.engine ? r.engine + " " : "") + r.name + " (" + r.non2xx + " non-2xx, " +
    r.socket_errors + " socket, " + r.timeouts + " timeouts)").join(", ") + ": those figures measure errors, not work.");
}
print("");
