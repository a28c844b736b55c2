// The dashboard places addresses with the offline lookup that detections use too (src/core/geo.ts).
export { countryCentroid, type GeoLocation, type GeoPoint, locateIp } from '../core/geo.js';
