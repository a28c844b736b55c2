import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr, parseIp } from '../../../src/detect/sigma/cidr.js';

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
