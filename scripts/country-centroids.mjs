/**
 * Build step: the map position of each country, written to dist/geo/country-centroids.json
 * so the server needs neither the map data nor its readers at run time. A country's position
 * is the centroid of its largest land mass in Natural Earth's 1:50m countries (world-atlas),
 * keyed by ISO 3166-1 alpha-2 (the topology names countries by their numeric code).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = join(ROOT, 'dist', 'geo', 'country-centroids.json');

/** Area and centroid of a ring, in plain lon/lat (good enough to place a dot). */
function ringStats(ring) {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (a === 0) return { area: 0, lon: ring[0][0], lat: ring[0][1] };
  return { area: Math.abs(a / 2), lon: cx / (3 * a), lat: cy / (3 * a) };
}

function largestPolygonCentroid(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best = null;
  for (const [outer] of polygons) {
    if (!outer || outer.length < 4) continue;
    const s = ringStats(outer);
    if (!best || s.area > best.area) best = s;
  }
  return best && { lat: Number(best.lat.toFixed(4)), lon: Number(best.lon.toFixed(4)) };
}

/** { alpha2: { lat, lon } } for every country with a shape on the map. */
export function countryCentroids() {
  const iso = require('i18n-iso-countries');
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
  const out = {};
  for (const f of feature(topo, topo.objects.countries).features) {
    const alpha2 = f.id === undefined ? undefined : iso.numericToAlpha2(String(f.id));
    const g = f.geometry;
    if (!alpha2 || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const c = largestPolygonCentroid(g);
    if (c) out[alpha2] = c;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = countryCentroids();
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, `${JSON.stringify(table)}\n`);
  console.log(`${OUTPUT}: ${Object.keys(table).length} countries`);
}
