import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  cidrContainsRange,
  isWholeFamily,
  parseCidr,
  parseIp,
  tryParseCidr,
} from '../../../src/detect/sigma/cidr.js';

describe('IP parsing', () => {
  it.each([
    ['1.2.3.4', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['1.2.3', false],
    ['01.2.3.4', true],
    ['::', true],
    ['::1', true],
    ['2001:db8::1', true],
    ['2001:db8:0:0:0:0:0:1', true],
    ['fe80::1%eth0', true],
    ['[2001:db8::1]', true],
    ['::ffff:1.2.3.4', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['2001:db8::g', false],
    ['', false],
    ['hello', false],
  ])('%s -> %s', (text, ok) => {
    expect(parseIp(text) !== undefined).toBe(ok);
  });
});

describe('CIDR ranges', () => {
  const inRange = (range: string, ip: string): boolean => cidrContains(parseCidr(range), parseIp(ip)!);

  it('handles prefixes on and off byte boundaries', () => {
    expect(inRange('10.0.0.0/8', '10.255.255.255')).toBe(true);
    expect(inRange('172.16.0.0/12', '172.31.0.1')).toBe(true);
    expect(inRange('172.16.0.0/12', '172.32.0.1')).toBe(false);
    expect(inRange('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(inRange('1.2.3.4', '1.2.3.4')).toBe(true);
    expect(inRange('1.2.3.4/32', '1.2.3.5')).toBe(false);
    expect(inRange('10.1.2.3/8', '10.9.9.9')).toBe(true);
  });

  it('keeps families apart except for IPv4-mapped addresses', () => {
    expect(inRange('::/0', '1.2.3.4')).toBe(false);
    expect(inRange('::/0', '2001:db8::1')).toBe(true);
    expect(inRange('10.0.0.0/8', '::ffff:10.0.0.1')).toBe(true);
    expect(inRange('10.0.0.0/8', '2001:db8::1')).toBe(false);
    expect(inRange('fe80::/10', 'febf::1')).toBe(true);
    expect(inRange('fe80::/10', 'fec0::1')).toBe(false);
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/', 'x/8', '10.0.0.0/-1', '10.0.0.0/8/8'])(
    'rejects %s',
    (text) => {
      expect(() => parseCidr(text)).toThrow();
    },
  );
});

describe('a /0 prefix is everyone, whatever the address part says', () => {
  const inRange = (range: string, ip: string): boolean => cidrContains(parseCidr(range), parseIp(ip)!);

  it.each(['0.0.0.0/0', '1.2.3.4/0', '255.255.255.255/0', ' 10.0.0.1/0 '])(
    '%s holds every IPv4 address',
    (r) => {
      const range = tryParseCidr(r)!;
      expect(isWholeFamily(range)).toBe(true);
      for (const ip of ['8.8.8.8', '10.0.0.1', '0.0.0.0', '255.255.255.255', '::ffff:8.8.8.8'])
        expect(inRange(r.trim(), ip)).toBe(true);
      expect(inRange(r.trim(), '2001:db8::1')).toBe(false);
    },
  );

  it.each(['::/0', '::1/0', '2001:db8::/0', 'ffff::ffff/0'])('%s holds every IPv6 address', (r) => {
    expect(isWholeFamily(parseCidr(r))).toBe(true);
    for (const ip of ['::1', '2001:db8::5', 'fe80::1']) expect(inRange(r, ip)).toBe(true);
    expect(inRange(r, '8.8.8.8')).toBe(false);
  });

  it('spellings of one range hold the same bytes', () => {
    expect(parseCidr('1.2.3.4/0').bytes).toEqual(parseCidr('0.0.0.0/0').bytes);
    expect(parseCidr('::1/0').bytes).toEqual(parseCidr('::/0').bytes);
    expect(parseCidr('10.1.2.3/8').bytes).toEqual(parseCidr('10.0.0.0/8').bytes);
    expect(isWholeFamily(parseCidr('0.0.0.0/1'))).toBe(false);
    expect(isWholeFamily(parseCidr('::/1'))).toBe(false);
  });

  it('a range lies inside another when all its addresses do', () => {
    const within = (outer: string, inner: string) => cidrContainsRange(parseCidr(outer), parseCidr(inner));
    expect(within('0.0.0.0/0', '1.2.3.4/0')).toBe(true);
    expect(within('10.0.0.0/8', '1.2.3.4/0')).toBe(false);
    expect(within('10.0.0.0/8', '10.20.0.0/16')).toBe(true);
    expect(within('10.0.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(within('::/0', '::1/0')).toBe(true);
    expect(within('::/0', '1.2.3.4/0')).toBe(false);
    expect(within('2001:db8::/32', '2001:db8:1::/48')).toBe(true);
  });

  it('tryParseCidr returns undefined instead of throwing', () => {
    for (const bad of ['10.0.0.0/33', '::/129', 'x/8', '', '10.0.0.0/8/8'])
      expect(tryParseCidr(bad)).toBeUndefined();
  });
});
