// The world's countries for ECharts' geo component: Natural Earth's 1:110m countries as the
// world-atlas package stores them (TopoJSON), turned into GeoJSON with topojson-client and
// registered once. Loaded on first use (a chunk of its own: the main bundle does not carry it).
// Antarctica is left out (no one's destination here, and it would take a third of the map);
// the few rings the atlas joined across the antimeridian (Fiji, Chukotka) are cut back in two,
// or a plate carrée map would draw them as bands across the world.
import { registerMap } from 'echarts/core'
import { cutAtAntimeridian, unwrap, type LonLat } from './geo'

/** The name the geometry is registered under (a geo component's `map`). */
export const WORLD_MAP = 'waishi-world'
/** ISO 3166-1 numeric code of Antarctica (the atlas' feature ids). */
const ANTARCTICA = '010'

type Ring = LonLat[]
type Polygon = Ring[]

/** A polygon as drawn on a plate carrée map: unchanged, or its outer ring cut at the antimeridian. */
function onPlateCarree(polygon: Polygon): Polygon[] {
  const outer = polygon[0]
  const crosses = outer.some((p, i) => i > 0 && Math.abs(p[0] - outer[i - 1][0]) > 180)
  if (!crosses) return [polygon]
  // The atlas' polygons that cross have no holes; were there one, it would be lost, not misdrawn.
  return cutAtAntimeridian(unwrap(outer)).map((piece) => [piece])
}

let loading: Promise<void> | null = null

/** Registers the world's geometry (once; a failed load is tried again on the next call). */
export function loadWorld(): Promise<void> {
  loading ??= Promise.all([import('topojson-client'), import('world-atlas/countries-110m.json')])
    .then(([{ feature }, atlas]) => {
      const topology = (atlas.default ?? atlas) as unknown as Parameters<typeof feature>[0]
      const countries = feature(topology, topology.objects.countries) as unknown as GeoJSON.FeatureCollection
      const features = countries.features
        .filter((f) => f.id !== ANTARCTICA && f.geometry)
        .map((f) => {
          const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon
          const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Polygon[]
          const geometry: GeoJSON.MultiPolygon = { type: 'MultiPolygon', coordinates: polygons.flatMap(onPlateCarree) }
          // named by the numeric code (the few without one by their name): regions.ts colours them by it
          return { ...f, properties: { ...f.properties, code: f.id ?? f.properties?.name }, geometry }
        })
      registerMap(WORLD_MAP, { type: 'FeatureCollection', features } as never)
    })
    .catch((e) => {
      loading = null
      throw e
    })
  return loading
}
