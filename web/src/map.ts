import type { Feature, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { h, s } from './dom.js';
import type { MapPoint } from './types.js';

/*
 * A world map drawn offline from Natural Earth's 1:110m countries (world-atlas), in a plain
 * equirectangular projection, with a circle per country sized by the number of calls from it.
 */

const W = 720;
const H = 360;
const px = (lon: number) => ((lon + 180) / 360) * W;
const py = (lat: number) => ((90 - lat) / 180) * H;

let outlines: string[] | undefined;

/** A ring as path commands; where it crosses the antimeridian the pen lifts instead of drawing across the map. */
function ringPath(ring: Position[]): string {
  let out = '';
  let prevLon: number | undefined;
  for (const [lon = 0, lat = 0] of ring) {
    const jump = prevLon !== undefined && Math.abs(lon - prevLon) > 180;
    out += `${prevLon === undefined || jump ? 'M' : 'L'}${px(lon).toFixed(1)},${py(lat).toFixed(1)}`;
    prevLon = lon;
  }
  return out;
}

function geometryPath(g: Geometry | null): string {
  if (!g) return '';
  if (g.type === 'Polygon') return g.coordinates.map(ringPath).join('');
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p) => p.map(ringPath)).join('');
  return '';
}

function countryPaths(): string[] {
  if (!outlines) {
    const topo = world as unknown as Topology<{ countries: GeometryCollection }>;
    const fc = feature(topo, topo.objects.countries);
    outlines = fc.features
      .filter((f: Feature) => f.properties?.name !== 'Antarctica')
      .map((f: Feature) => geometryPath(f.geometry));
  }
  return outlines;
}

export function worldMap(points: MapPoint[]): HTMLElement {
  const max = Math.max(1, ...points.map((p) => p.count));
  return h(
    'figure',
    { class: 'map' },
    s(
      'svg',
      {
        class: 'world',
        viewBox: `0 0 ${W} ${H - 50}`,
        role: 'img',
        'aria-label': 'where API calls came from',
      },
      countryPaths().map((d) => s('path', { class: 'land', d })),
      points.map((p) =>
        s(
          'circle',
          {
            class: 'hit',
            cx: px(p.lon).toFixed(1),
            cy: py(p.lat).toFixed(1),
            r: (4 + 12 * Math.sqrt(p.count / max)).toFixed(1),
          },
          s('title', null, `${p.name} (${p.country}): ${p.count} call(s) from ${p.ips.join(', ')}`),
        ),
      ),
    ),
    h(
      'figcaption',
      { class: 'muted' },
      'Countries: GeoLite2 data created by MaxMind, available from https://www.maxmind.com (offline, via geoip-country); map: Natural Earth.',
    ),
  );
}
