import { describe, expect, it } from 'vitest';
import { countryCentroid, locateIp } from '../../src/server/geo.js';

describe('offline GeoIP', () => {
  it('places public IPv4 and IPv6 addresses in their country, on the map', () => {
    const us = locateIp('8.8.8.8');
    expect(us?.country).toBe('US');
    expect(us?.point?.lat).toBeGreaterThan(25);
    expect(us?.point?.lat).toBeLessThan(50);
    expect(us?.point?.lon).toBeGreaterThan(-125);
    expect(us?.point?.lon).toBeLessThan(-65);
    expect(locateIp('81.2.69.160')?.country).toBe('GB');
    expect(locateIp('2001:4860:4860::8888')?.country).toBe('US');
    expect(locateIp(' 8.8.8.8 ')?.country).toBe('US');
  });

  it('gives nothing for private, reserved and documentation addresses', () => {
    for (const ip of [
      '10.0.0.1',
      '192.168.1.1',
      '172.16.0.9',
      '127.0.0.1',
      '198.51.100.7',
      '203.0.113.5',
      '::1',
    ]) {
      expect(locateIp(ip), ip).toBeNull();
    }
  });

  it('gives nothing for text that is not an IP address', () => {
    for (const v of ['', 'cloudtrail.amazonaws.com', '999.1.1.1', '1.2.3', 'AWS Internal', '<img src=x>']) {
      expect(locateIp(v), v).toBeNull();
    }
  });

  it('puts country centroids on their largest land mass', () => {
    const fr = countryCentroid('FR');
    expect(fr?.lat).toBeGreaterThan(42);
    expect(fr?.lat).toBeLessThan(51);
    expect(fr?.lon).toBeGreaterThan(-5);
    expect(fr?.lon).toBeLessThan(8);
    expect(countryCentroid('sg')).not.toBeNull();
    expect(countryCentroid('XX')).toBeNull();
  });
});
