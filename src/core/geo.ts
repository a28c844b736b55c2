import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { packagePath } from '../core/package-root.js';

/*
 * Where an IP address is, offline: the country from the geoip-country database (shipped in
 * its npm package, no network), placed on the map at the centroid of that country's largest
 * land mass in Natural Earth's 1:50m countries, a table the build computes. Loaded on first use.
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

/** The table the build computes (scripts/country-centroids.mjs), read on first use. */
function loadCentroids(): Map<string, { lat: number; lon: number }> {
  const file = packagePath('dist', 'geo', 'country-centroids.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(
      `${file}: cannot read the country positions (${(e as NodeJS.ErrnoException).code}); run npm run build`,
    );
  }
  return new Map(Object.entries(JSON.parse(text) as Record<string, { lat: number; lon: number }>));
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

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in kilometres between two points (haversine). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
