// The circle the map draws: every vertex at the radius from the centre (by the haversine,
// within a metre), cut in two where it crosses the antimeridian, closed over a pole it holds.
import { describe, expect, it } from 'vitest'
import { circleOnMap, circleVertices, cutAtAntimeridian, destination, haversineKm, signedArea2, unwrap, type LonLat } from './geo'

const M = 0.001 // km
const onMap = (p: LonLat) => p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90

describe('the haversine and the destination point', () => {
  it('measure one degree of a meridian as πR/180', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo((Math.PI * 6371.0088) / 180, 6)
  })

  it('measure across the antimeridian the short way', () => {
    expect(haversineKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo((Math.PI * 6371.0088) / 180, 6)
  })

  it('go back where they came from', () => {
    const aachen = { lat: 50.7753, lon: 6.0839 }
    const there = destination(aachen, 37, 812.5)
    expect(Math.abs(haversineKm(aachen, there) - 812.5)).toBeLessThan(M)
  })
})

describe('a circle of radius r', () => {
  const cases = [
    { name: 'Aachen, 300 km', centre: { lat: 50.7753, lon: 6.0839 }, r: 300 },
    { name: 'Tokyo, 1 km', centre: { lat: 35.6895, lon: 139.6917 }, r: 1 },
    { name: 'Gqeberha, 2,500 km', centre: { lat: -33.9608, lon: 25.6022 }, r: 2500 },
    { name: 'near the north pole, 1,000 km', centre: { lat: 85, lon: -40 }, r: 1000 },
  ]
  for (const { name, centre, r } of cases) {
    it(`has every vertex at r from the centre within 1 m (${name})`, () => {
      const vs = circleVertices(centre, r, 360)
      expect(vs).toHaveLength(360)
      for (const v of vs) {
        expect(Math.abs(haversineKm(centre, v) - r)).toBeLessThan(M)
        expect(v.lon).toBeGreaterThanOrEqual(-180)
        expect(v.lon).toBeLessThan(180)
      }
    })
  }

  it('is one polygon and one line where it crosses nothing', () => {
    const c = circleOnMap({ lat: 50.7753, lon: 6.0839 }, 300)
    expect(c.inverted).toBe(false)
    expect(c.areas).toHaveLength(1)
    expect(c.outline).toHaveLength(1)
    expect(c.areas[0]).toHaveLength(180)
    for (const p of c.areas[0]) expect(Math.abs(haversineKm({ lat: 50.7753, lon: 6.0839 }, { lat: p[1], lon: p[0] }) - 300)).toBeLessThan(M)
  })
})

describe('a circle crossing the antimeridian (Suva, Fiji: 178.44° E, 500 km)', () => {
  const suva = { lat: -18.1416, lon: 178.4419 }
  const c = circleOnMap(suva, 500)

  it('is a polygon on each side, each within the map', () => {
    expect(c.inverted).toBe(false)
    expect(c.areas).toHaveLength(2)
    const east = c.areas.find((a) => a.some((p) => p[0] > 0))!
    const west = c.areas.find((a) => a.some((p) => p[0] < 0))!
    expect(east.every((p) => p[0] > 170 && p[0] <= 180)).toBe(true)
    expect(west.every((p) => p[0] >= -180 && p[0] < -170)).toBe(true)
    // both sides reach the antimeridian
    expect(east.some((p) => p[0] === 180)).toBe(true)
    expect(west.some((p) => p[0] === -180)).toBe(true)
  })

  it('keeps every vertex of the circle, on one side or the other', () => {
    const all = c.areas.flat()
    for (const v of circleVertices(suva, 500)) {
      expect(all.some((p) => p[1] === v.lat && [v.lon, v.lon + 360, v.lon - 360].some((l) => Math.abs(p[0] - l) < 1e-9))).toBe(true)
    }
    // the points made at the cut lie on the circle too, within what a chord of 2° misses
    for (const p of all.filter((q) => Math.abs(q[0]) === 180)) expect(Math.abs(haversineKm(suva, { lat: p[1], lon: p[0] }) - 500)).toBeLessThan(0.5)
  })

  it('has a line of no step across the map (the cut is not drawn as a stroke)', () => {
    expect(c.outline).toHaveLength(2)
    for (const line of c.outline) {
      for (let i = 1; i < line.length; i++) expect(Math.abs(line[i][0] - line[i - 1][0])).toBeLessThan(10)
      expect(line.every(onMap)).toBe(true)
    }
  })

  it('covers the same area as the uncut circle', () => {
    const whole = Math.abs(signedArea2(unwrap(circleVertices(suva, 500).map((v): LonLat => [v.lon, v.lat]))))
    const parts = c.areas.reduce((s, a) => s + Math.abs(signedArea2(a)), 0)
    expect(parts).toBeCloseTo(whole, 6)
  })
})

describe('a circle holding a pole', () => {
  it('is closed along the pole\'s parallel and spans every longitude', () => {
    const c = circleOnMap({ lat: 80, lon: 100 }, 2000)
    expect(c.inverted).toBe(false)
    const all = c.areas.flat()
    expect(all.every(onMap)).toBe(true)
    expect(all.some((p) => p[1] === 90)).toBe(true)
    expect(Math.min(...all.map((p) => p[0]))).toBe(-180)
    expect(Math.max(...all.map((p) => p[0]))).toBe(180)
    // the area between the circle and the pole: the lowest latitude is the far side's
    expect(Math.min(...all.map((p) => p[1]))).toBeCloseTo(80 - 2000 / ((Math.PI * 6371.0088) / 180), 6)
  })

  it('holding both poles, is the map less the circle round the antipode', () => {
    const c = circleOnMap({ lat: 10, lon: 20 }, 15000)
    expect(c.inverted).toBe(true)
    const antipode = { lat: -10, lon: -160 }
    // (the points made at the cut aside: they lie on the chord)
    for (const p of c.outline.flat().filter((q) => Math.abs(q[0]) !== 180)) expect(Math.abs(haversineKm(antipode, { lat: p[1], lon: p[0] }) - (Math.PI * 6371.0088 - 15000))).toBeLessThan(M)
  })
})

describe('cutting a country\'s ring at the antimeridian', () => {
  it('gives each side its own polygon', () => {
    // a square 2° wide round 180°, as the atlas stores it (jumping from 179 to -179)
    const ring = unwrap([[179, -16], [-179, -16], [-179, -18], [179, -18]])
    const pieces = cutAtAntimeridian(ring)
    expect(pieces).toHaveLength(2)
    expect(pieces.map((p) => Math.abs(signedArea2(p)) / 2)).toEqual([2, 2])
  })
})
