import type { CloudType, ResourceRecord } from '../../src/core/record.js';

let seq = 0;

/** A minimal valid resource record for tests; com/ext fields given override the defaults. */
export function makeResource(opts: {
  cloud?: CloudType;
  type: string;
  extType?: string;
  name?: string;
  com?: Record<string, unknown>;
  ext?: Record<string, unknown>;
  raw?: Record<string, unknown>;
}): ResourceRecord {
  seq += 1;
  const cloud = opts.cloud ?? 'aws';
  const name = opts.name ?? `${opts.type}-${seq}`;
  return {
    raw: opts.raw ?? {},
    ext: { record_type: opts.extType ?? `${cloud}.test.${opts.type}`, ...opts.ext },
    com: {
      cloud_type: cloud,
      record_type: opts.type,
      reference: `ref:${cloud}:${name}`,
      name,
      account: '111122223333',
      region: 'us-east-1',
      service: 'test',
      tags: {},
      origin_key: 'test',
      origin_type: 'cloud',
      ...opts.com,
    },
  };
}
