// Points and circles on the Earth for the world map (WorldMap.vue): the great-circle distance,
// the point at a distance and bearing from another, and a circle of a given radius as the
// shapes a longitude/latitude map (plate carrée, longitudes -180..180) draws — cut at the
// antimeridian, closed over a pole it holds. The Earth is a sphere of the server's radius
// (src/core/geo/sphere.h), so a circle drawn here holds what the server finds in it.
// Pure: unit-tested in geo.test.ts.

/** The mean Earth radius (IUGG: R1 = (2a + b) / 3 of WGS 84), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088

export interface LatLon { lat: number; lon: number }
/** A point as ECharts' geo coordinates take it: longitude first. */
export type LonLat = [number, number]

const RAD = Math.PI / 180

/** A longitude in [-180, 180). */
export function normalizeLon(lon: number): number {
  const l = (((lon + 180) % 360) + 360) % 360 - 180
  return l === -180 && lon > 0 ? -180 : l
}

/** A difference of longitudes in (-180, 180]: the short way round. */
function lonStep(d: number): number {
  const s = normalizeLon(d)
  return s === -180 ? 180 : s
}

/** The great-circle distance in km, by the haversine formula (R. W. Sinnott, Sky & Telescope 68:2, 1984). */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD
  const dLon = (b.lon - a.lon) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * The point `km` away from `from` going `bearing` degrees clockwise from north, along a great
 * circle: the "destination point" of E. Williams' Aviation Formulary (the spherical law of
 * cosines solved for the far end). Its longitude in [-180, 180).
 */
export function destination(from: LatLon, bearing: number, km: number): LatLon {
  const d = km / EARTH_RADIUS_KM
  const t = bearing * RAD
  const p1 = from.lat * RAD
  const sinP2 = Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(t)
  const p2 = Math.asin(Math.max(-1, Math.min(1, sinP2)))
  const dl = Math.atan2(Math.sin(t) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * sinP2)
  return { lat: p2 / RAD, lon: normalizeLon(from.lon + dl / RAD) }
}

/** `segments` points of the circle of `radiusKm` round `centre`, from due north clockwise. */
export function circleVertices(centre: LatLon, radiusKm: number, segments = 180): LatLon[] {
  return Array.from({ length: segments }, (_, i) => destination(centre, (360 * i) / segments, radiusKm))
}

/** A ring's longitudes made continuous: each step the short way round (may leave -180..180). */
export function unwrap(ring: LonLat[]): LonLat[] {
  const out: LonLat[] = []
  for (const [lon, lat] of ring) {
    const prev = out[out.length - 1]
    out.push(prev ? [prev[0] + lonStep(lon - prev[0]), lat] : [lon, lat])
  }
  return out
}

/** Twice the signed area of a ring in the plane (positive: counter-clockwise with y up). */
export function signedArea2(ring: LonLat[]): number {
  let s = 0
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]
    const [x2, y2] = ring[(i + 1) % ring.length]
    s += x1 * y2 - x2 * y1
  }
  return s
}

/** The part of a closed ring on one side of the line x = edge (Sutherland–Hodgman, one edge). */
function clipRing(ring: LonLat[], edge: number, keepBelow: boolean): LonLat[] {
  const inside = (p: LonLat) => (keepBelow ? p[0] <= edge : p[0] >= edge)
  const cross = (a: LonLat, b: LonLat): LonLat => [edge, a[1] + ((edge - a[0]) / (b[0] - a[0])) * (b[1] - a[1])]
  const out: LonLat[] = []
  ring.forEach((b, i) => {
    const a = ring[(i + ring.length - 1) % ring.length]
    if (inside(b)) {
      if (!inside(a)) out.push(cross(a, b))
      out.push(b)
    } else if (inside(a)) {
      out.push(cross(a, b))
    }
  })
  return out
}

/** The shifts by whole turns (in degrees) that bring some of [min, max] into -180..180. */
function turnsOver(min: number, max: number): number[] {
  const out: number[] = []
  for (let k = Math.ceil((-180 - max) / 360); k <= Math.floor((180 - min) / 360); k++) out.push(k * 360)
  return out
}

/**
 * A ring whose longitudes are continuous (unwrap) cut into pieces that lie within -180..180:
 * a polygon crossing the antimeridian becomes one piece on each side. The ring is taken as
 * closed; pieces of no area (touching an edge only) are left out.
 */
export function cutAtAntimeridian(ring: LonLat[]): LonLat[][] {
  const xs = ring.map((p) => p[0])
  const pieces: LonLat[][] = []
  for (const shift of turnsOver(Math.min(...xs), Math.max(...xs))) {
    const moved = ring.map(([x, y]): LonLat => [x + shift, y])
    const piece = clipRing(clipRing(moved, 180, true), -180, false)
    if (piece.length >= 3 && Math.abs(signedArea2(piece)) > 1e-9) pieces.push(piece)
  }
  return pieces
}

/** An open line of continuous longitudes cut into lines within -180..180 (one per side it visits). */
export function cutLineAtAntimeridian(line: LonLat[]): LonLat[][] {
  const xs = line.map((p) => p[0])
  const closed = line.length > 2 && line[0][0] === line[line.length - 1][0] && line[0][1] === line[line.length - 1][1]
  const out: LonLat[][] = []
  for (const shift of turnsOver(Math.min(...xs), Math.max(...xs))) {
    const mine: LonLat[][] = []
    let current: LonLat[] = []
    for (let i = 0; i + 1 < line.length; i++) {
      const a: LonLat = [line[i][0] + shift, line[i][1]]
      const b: LonLat = [line[i + 1][0] + shift, line[i + 1][1]]
      // the segment's part within -180..180 (it is short: at most one edge is crossed)
      const lo = Math.min(a[0], b[0])
      const hi = Math.max(a[0], b[0])
      if (hi < -180 || lo > 180) {
        if (current.length > 1) mine.push(current)
        current = []
        continue
      }
      const at = (x: number): LonLat => (b[0] === a[0] ? a : [x, a[1] + ((x - a[0]) / (b[0] - a[0])) * (b[1] - a[1])])
      const start = a[0] < -180 ? at(-180) : a[0] > 180 ? at(180) : a
      const end = b[0] < -180 ? at(-180) : b[0] > 180 ? at(180) : b
      if (current.length === 0) current.push(start)
      current.push(end)
      if (end !== b) {
        if (current.length > 1) mine.push(current)
        current = []
      }
    }
    if (current.length > 1) mine.push(current)
    // a closed line cut on this side: its last piece runs on into its first
    const head = mine[0]
    const tail = mine[mine.length - 1]
    if (closed && mine.length > 1 && head[0][0] === line[0][0] + shift && tail[tail.length - 1][0] === line[0][0] + shift) {
      mine[0] = [...tail, ...head.slice(1)]
      mine.pop()
    }
    out.push(...mine)
  }
  return out
}

/** A circle as a longitude/latitude map draws it. */
export interface MapCircle {
  /**
   * The area to fill, as polygons within -180..180 (one on each side of the antimeridian when
   * the circle crosses it; closed along the parallel of the pole the circle holds). When
   * `inverted`, these are the holes: the circle holds both poles, and its area is the whole
   * map but them.
   */
  areas: LonLat[][]
  inverted: boolean
  /** The circle's line, cut at the antimeridian (no edges of the map's border in it). */
  outline: LonLat[][]
}

/**
 * The circle of `radiusKm` round `centre` on a longitude/latitude map. A circle holding one
 * pole winds round it, so its polygon is closed along that pole's parallel; one holding both
 * is drawn as the map less the circle round the antipode that is left out (πR − r).
 */
export function circleOnMap(centre: LatLon, radiusKm: number, segments = 180): MapCircle {
  const half = Math.PI * EARTH_RADIUS_KM
  const r = Math.max(0, Math.min(radiusKm, half))
  const toNorth = (90 - centre.lat) * RAD * EARTH_RADIUS_KM
  const toSouth = (90 + centre.lat) * RAD * EARTH_RADIUS_KM
  if (r > toNorth && r > toSouth) {
    const antipode = { lat: -centre.lat, lon: normalizeLon(centre.lon + 180) }
    const rest = circleOnMap(antipode, half - r, segments)
    return { areas: rest.areas, inverted: true, outline: rest.outline }
  }
  const ring = unwrap(circleVertices(centre, r, segments).map((p): LonLat => [p.lon, p.lat]))
  const first = ring[0]
  const last = ring[ring.length - 1]
  // back to the first vertex the short way: where the ring closes, a whole turn if it wound round a pole
  const end: LonLat = [last[0] + lonStep(first[0] - last[0]), first[1]]
  const turned = Math.abs(end[0] - first[0]) > 180
  const line = [...ring, end]
  let area = ring
  if (turned) {
    const pole = r > toNorth ? 90 : -90
    area = [...ring, end, [end[0], pole], [first[0], pole]]
  }
  return { areas: cutAtAntimeridian(area), inverted: false, outline: cutLineAtAntimeridian(line) }
}
