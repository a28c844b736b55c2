/**
 * IPv4 and IPv6 address parsing and CIDR matching for the `cidr` modifier. Addresses are held as 16
 * bytes; IPv4 addresses as IPv4-mapped IPv6 (::ffff:a.b.c.d), so an IPv4 range also matches the mapped
 * form of its addresses. An IPv6 range never matches a plain IPv4 address.
 *
 * A range is its prefix only: the bits after the prefix length are ignored, whatever the text says, so
 * `1.2.3.4/0` is every IPv4 address and `::1/0` every IPv6 address, exactly like `0.0.0.0/0` and `::/0`.
 * Firewall APIs accept such non-canonical ranges and the logs record them as written.
 */

export interface IpAddress {
  bytes: Uint8Array;
  v4: boolean;
}

function parseV4Bytes(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6Groups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const out: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (i === groups.length - 1 && g.includes('.')) {
      const v4 = parseV4Bytes(g);
      if (!v4) return undefined;
      out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
  }
  return out;
}

export function parseIp(input: string): IpAddress | undefined {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const v4 = parseV4Bytes(text);
  if (v4) {
    const bytes = new Uint8Array(16);
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    bytes.set(v4, 12);
    return { bytes, v4: true };
  }
  if (!text.includes(':')) return undefined;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseV6Groups(halves[0]!);
  const tail = halves.length === 2 ? parseV6Groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return { bytes, v4: false };
}

export interface Cidr {
  bytes: Uint8Array;
  /** Prefix length over the 128-bit form. */
  bits: number;
  v4: boolean;
}

/** Zeroes the bits after the prefix, so two spellings of one range hold the same bytes. */
function masked(bytes: Uint8Array, bits: number): Uint8Array {
  const out = new Uint8Array(16);
  const full = bits >> 3;
  out.set(bytes.subarray(0, full));
  const rest = bits & 7;
  if (rest !== 0) out[full] = bytes[full]! & ((0xff << (8 - rest)) & 0xff);
  return out;
}

/** Parse `a.b.c.d/n` or `x:y::/n` (a bare address is a /32 or /128), or undefined when malformed. */
export function tryParseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addr = parseIp(slash >= 0 ? trimmed.slice(0, slash) : trimmed);
  if (!addr) return undefined;
  const max = addr.v4 ? 32 : 128;
  let len = max;
  if (slash >= 0) {
    const lenText = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > max) return undefined;
    len = Number(lenText);
  }
  const bits = addr.v4 ? len + 96 : len;
  return { bytes: masked(addr.bytes, bits), bits, v4: addr.v4 };
}

/** Parse `a.b.c.d/n` or `x:y::/n` (a bare address is a /32 or /128). Throws on malformed input. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  if (!parseIp(slash >= 0 ? text.slice(0, slash) : text))
    throw new Error(`"${text}" is not a valid CIDR range`);
  const range = tryParseCidr(text);
  if (!range) throw new Error(`"${text}" has an invalid prefix length`);
  return range;
}

/** True when the range holds every address of its family: any `/0`, whatever its address part. */
export function isWholeFamily(range: Cidr): boolean {
  return range.bits === (range.v4 ? 96 : 0);
}

/** True when every address of `inner` is in `outer` (families kept apart as for single addresses). */
export function cidrContainsRange(outer: Cidr, inner: Cidr): boolean {
  if (!outer.v4 && inner.v4) return false;
  if (inner.bits < outer.bits) return false;
  return cidrContains(outer, { bytes: inner.bytes, v4: inner.v4 });
}

export function cidrContains(range: Cidr, addr: IpAddress): boolean {
  if (!range.v4 && addr.v4) return false;
  const full = range.bits >> 3;
  for (let i = 0; i < full; i++) if (range.bytes[i] !== addr.bytes[i]) return false;
  const rest = range.bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((range.bytes[full]! ^ addr.bytes[full]!) & mask) === 0;
}
