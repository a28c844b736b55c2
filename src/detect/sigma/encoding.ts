/** The value encodings behind the `base64`, `base64offset` and UTF-16 (`wide`, `utf16*`) modifiers. */

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16';

export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be':
      return Buffer.from(text, 'utf16le').swap16();
    case 'utf16':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  }
}

export function base64(bytes: Buffer): string {
  return bytes.toString('base64');
}

/**
 * The three forms `bytes` takes inside a longer base64 string, depending on its offset modulo 3 there.
 * Characters that also depend on neighbouring bytes are cut from both ends.
 */
export function base64Offsets(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const start = [0, 2, 3][shift]!;
    const cut = [0, 3, 2][(bytes.length + shift) % 3]!;
    out.push(encoded.slice(start, encoded.length - cut));
  }
  return out;
}
