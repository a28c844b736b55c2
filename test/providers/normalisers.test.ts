import { describe, expect, it, vi } from 'vitest';
import type { Collection } from '../../src/core/provider.js';
import { AWS_COLLECTORS } from '../../src/providers/aws/collectors/index.js';
import { tlsVersion } from '../../src/providers/normalise-kit.js';
import {
  checkRecord,
  collectorTypesFor,
  NORMALISERS,
  normaliseCollection,
  normaliserFor,
} from '../../src/providers/normalisers.js';

const RAW_CONTRACT_TYPES = [
  'aws.ec2.security_group',
  'aws.ec2.instance',
  'aws.ec2.volume',
  'aws.rds.db_instance',
  'aws.logs.log_group',
  'aws.cloudfront.distribution',
  'aws.s3.bucket',
  'azure.network.nsg',
  'azure.compute.vm',
  'azure.sql.server',
  'azure.postgresql.server',
  'azure.mysql.server',
  'azure.postgresql.flexible_server',
  'azure.monitor.log_profile',
  'azure.web.site',
  'azure.storage.account',
  'gcp.compute.firewall',
  'gcp.compute.instance',
  'gcp.sql.instance',
  'gcp.logging.bucket',
  'gcp.compute.ssl_policy',
  'gcp.storage.bucket',
];

describe('normaliser registry', () => {
  it('has exactly one normaliser per collector type: the raw contract and every AWS collector', () => {
    const types = NORMALISERS.map((n) => n.type);
    expect(new Set(types).size).toBe(types.length);
    for (const t of RAW_CONTRACT_TYPES) expect(types).toContain(t);
    for (const c of AWS_COLLECTORS) expect(types, `normaliser for ${c.type}`).toContain(c.type);
    // where the type's middle segment is not the service's own name (its IAM prefix), on purpose
    const serviceOfType: Record<string, string> = {
      'aws.apigatewayv2': 'apigateway',
      'aws.network_firewall': 'network-firewall',
      'aws.opensearch': 'es',
    };
    for (const n of NORMALISERS) {
      const prefix = n.type.split('.').slice(0, 2).join('.');
      expect(serviceOfType[prefix] ?? prefix.split('.')[1], n.type).toBe(n.service);
      expect(n.produces).toContain(n.type);
    }
    expect(normaliserFor('aws.s3.bucket')?.cloud).toBe('aws');
    expect(normaliserFor('aws.nothing')).toBeUndefined();
  });

  it('plans collectors from com and ext record types', () => {
    expect(collectorTypesFor(new Set(['firewall_rule'])).sort()).toEqual([
      'aws.ec2.security_group',
      'azure.network.nsg',
      'gcp.compute.firewall',
    ]);
    expect(collectorTypesFor(new Set(['aws.s3.bucket', 'log_profile'])).sort()).toEqual([
      'aws.logs.log_group',
      'aws.s3.bucket',
      'azure.monitor.log_profile',
      'gcp.logging.bucket',
    ]);
    expect(collectorTypesFor(new Set(['gcp.compute.firewall_rule']))).toEqual(['gcp.compute.firewall']);
    expect(collectorTypesFor(new Set(['nothing']))).toEqual([]);
  });
});

describe('normaliseCollection', () => {
  const base = {
    cloud: 'aws',
    account: '111122223333',
    region: 'us-east-1',
    type: 'aws.ec2.volume',
  } as const;

  it('keeps going after a bad item and names the type, index and problem', () => {
    const c: Collection = {
      ...base,
      items: [
        { item: { VolumeId: 'vol-1', Encrypted: true } },
        { item: { Encrypted: true } },
        'not an object' as unknown as Record<string, unknown>,
        { item: { VolumeId: 'vol-4', Encrypted: false } },
      ],
    };
    const { records, errors } = normaliseCollection(c);
    expect(records.map((r) => r.ext.volume_id)).toEqual(['vol-1', 'vol-4']);
    expect(errors).toEqual([
      { reference: 'aws.ec2.volume item 1', message: 'missing required field item.VolumeId' },
      { reference: 'aws.ec2.volume item 2', message: 'item is not a JSON object' },
    ]);
  });

  it('rejects records that break the record or shape schema', () => {
    const n = normaliserFor('aws.ec2.volume');
    if (!n) throw new Error('no volume normaliser');
    const good = n.normalise({ item: { VolumeId: 'vol-1', Encrypted: true } }, base);
    const broken = good.map((r) => ({ ...r, com: { ...r.com, encrypted: 'yes' } }));
    const spy = vi.spyOn(n, 'normalise').mockReturnValueOnce(broken).mockReturnValueOnce(good);
    try {
      const { records, errors } = normaliseCollection({ ...base, items: [{}, {}] });
      expect(records).toHaveLength(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.reference).toBe('aws.ec2.volume item 0');
      expect(errors[0]?.message).toMatch(/invalid disk record arn:aws:ec2:.*volume\/vol-1: com\.encrypted/);
    } finally {
      spy.mockRestore();
    }
    expect(checkRecord({ ...good[0]!, com: { ...good[0]!.com, reference: '' } })).toMatch(/com\.reference/);
  });

  it('reports an unknown collector type once, and leaves failed collections to the caller', () => {
    expect(normaliseCollection({ ...base, type: 'aws.nope', items: [{}] }).errors).toEqual([
      { reference: 'aws.nope', message: 'no normaliser for collector type "aws.nope"' },
    ]);
    expect(normaliseCollection({ ...base, error: 'AccessDenied: no' })).toEqual({ records: [], errors: [] });
  });
});

describe('tlsVersion', () => {
  it('reads every cloud spelling', () => {
    const cases: [string, string | null][] = [
      ['TLSv1', '1.0'],
      ['TLSv1_2016', '1.0'],
      ['TLSv1.1_2016', '1.1'],
      ['TLSv1.2_2021', '1.2'],
      ['TLS1_2', '1.2'],
      ['TLS_1_0', '1.0'],
      ['1.3', '1.3'],
      ['TLSV1.1', '1.1'],
      ['TLSv1.2,TLSv1.3', '1.2'],
      ['SSLv3', '0.3'],
      ['None', null],
      ['', null],
    ];
    for (const [input, want] of cases) expect([input, tlsVersion(input)]).toEqual([input, want]);
    expect(tlsVersion(1.2)).toBeNull();
  });
});
