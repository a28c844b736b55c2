import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/*
 * Where an IP address is, offline: the country from the geoip-country database (shipped in
 * its npm package, no network), placed on the map at the centroid of that country's largest
 * land mass in Natural Earth's 1:50m countries (world-atlas). Loaded on first use.
 */

const require = createRequire(import.meta.url);

export interface GeoPoint {
  /** ISO 3166-1 alpha-2 */
  country: string;
  name: string;
  lat: number;
  lon: number;
}

export interface GeoLocation {
  country: string;
  name: string;
  /** null when the country is too small for the map's data */
  point: { lat: number; lon: number } | null;
}

interface CountryDb {
  lookup(ip: string): unknown;
}

let db: CountryDb | undefined;
let centroids: Map<string, { lat: number; lon: number }> | undefined;
let numericToAlpha2: ((code: string) => string | undefined) | undefined;

function countryDb(): CountryDb {
  if (!db) {
    const mod = require('geoip-country') as unknown;
    if (typeof mod !== 'object' || mod === null || typeof (mod as CountryDb).lookup !== 'function') {
      throw new Error('geoip-country: unexpected module shape (no lookup function)');
    }
    db = mod as CountryDb;
  }
  return db;
}

/** Area and centroid of a ring, in plain lon/lat (good enough to place a dot). */
function ringStats(ring: Position[]): { area: number; lon: number; lat: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0 = 0, y0 = 0] = ring[i] ?? [];
    const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (a === 0) {
    const [x = 0, y = 0] = ring[0] ?? [];
    return { area: 0, lon: x, lat: y };
  }
  return { area: Math.abs(a / 2), lon: cx / (3 * a), lat: cy / (3 * a) };
}

function largestPolygonCentroid(g: Polygon | MultiPolygon): { lat: number; lon: number } | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let best: { area: number; lon: number; lat: number } | null = null;
  for (const p of polygons) {
    const outer = p[0];
    if (!outer || outer.length < 4) continue;
    const s = ringStats(outer);
    if (!best || s.area > best.area) best = s;
  }
  return best ? { lat: best.lat, lon: best.lon } : null;
}

function loadCentroids(): Map<string, { lat: number; lon: number }> {
  const iso = require('i18n-iso-countries') as { numericToAlpha2(code: string): string | undefined };
  numericToAlpha2 = (c) => iso.numericToAlpha2(c);
  const topo = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection }>;
  const fc = feature(topo, topo.objects.countries);
  const out = new Map<string, { lat: number; lon: number }>();
  for (const f of fc.features) {
    const id = f.id === undefined ? undefined : String(f.id);
    const alpha2 = id ? numericToAlpha2(id) : undefined;
    const g = f.geometry;
    if (!alpha2 || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const c = largestPolygonCentroid(g);
    if (c) out.set(alpha2, c);
  }
  return out;
}

/** The map position of a country (alpha-2), or null when the map has no shape for it. */
export function countryCentroid(alpha2: string): { lat: number; lon: number } | null {
  centroids ??= loadCentroids();
  return centroids.get(alpha2.toUpperCase()) ?? null;
}

/**
 * The country of an IP address, or null for an address that is not an IP, or is private,
 * reserved or unknown to the database.
 */
export function locateIp(ip: string): GeoLocation | null {
  const addr = ip.trim();
  if (isIP(addr) === 0) return null;
  const hit = countryDb().lookup(addr);
  if (typeof hit !== 'object' || hit === null) return null;
  const { country, name } = hit as { country?: unknown; name?: unknown };
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) return null;
  return { country, name: typeof name === 'string' ? name : country, point: countryCentroid(country) };
}
