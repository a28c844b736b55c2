import { ECRClient } from '@aws-sdk/client-ecr';
import { describe, expect, it } from 'vitest';
import { defineNormaliser } from '../../../src/core/provider.js';
import { defineCollector } from '../../../src/providers/aws/collector.js';
import { defineAwsResource } from '../../../src/providers/aws/resource.js';
import {
  AWS_COLLECTORS,
  AWS_PACING,
  AWS_RESOURCES,
  asffResourceType,
  awsResource,
} from '../../../src/providers/aws/resources/index.js';
import { NORMALISERS } from '../../../src/providers/normalisers.js';
import * as S from '../../../src/providers/raw-shape.js';
import { BY_TYPE } from '../../../src/watch/resource-ids.js';

/** The registries of AWS resource types are derived from the resource modules, never kept apart. */
describe('AWS resource modules', () => {
  it('each declares a collector and the normaliser of the same type, once', () => {
    const types = AWS_RESOURCES.map((r) => r.collector.type);
    expect(new Set(types).size).toBe(types.length);
    for (const r of AWS_RESOURCES) expect(r.normaliser.type, r.collector.type).toBe(r.collector.type);
    expect(AWS_COLLECTORS.map((c) => c.type)).toEqual(types);
    for (const t of types)
      expect(
        NORMALISERS.some((n) => n.type === t),
        t,
      ).toBe(true);
  });

  it('a type events change says which raw item is the resource, or is a singleton', () => {
    for (const r of AWS_RESOURCES.filter((x) => x.changedBy)) {
      const entry = BY_TYPE.get(r.collector.type);
      expect(entry, r.collector.type).toBeDefined();
      expect(entry?.events).toBe(r.changedBy?.events);
      expect(Boolean(r.singleton) || r.collector.getOne !== undefined, r.collector.type).toBe(true);
    }
  });

  it('export types and service budgets come from the modules', () => {
    expect(asffResourceType('aws.ecr.repository')).toBe('AwsEcrRepository');
    expect(asffResourceType('aws.ec2.security_group_rule')).toBe('AwsEc2SecurityGroup');
    expect(asffResourceType('aws.logs.log_group')).toBeUndefined();
    expect(AWS_PACING.ecr).toEqual({ rate: 10, burst: 20 });
    // the shared table wins for services it already has
    expect(AWS_PACING.ec2).toMatchObject({ perOperation: true });
    expect(awsResource('aws.ecr.repository')?.collector.rateScope).toBe('ecr');
  });
});

describe('defineAwsResource', () => {
  const collector = defineCollector({
    type: 'aws.ecr.repository',
    service: 'ecr',
    client: ECRClient,
    scope: 'region',
    list: { permission: 'ecr:DescribeRepositories', all: async () => [] },
  });
  const normaliser = (type: string) =>
    defineNormaliser({
      type,
      cloud: 'aws',
      service: 'ecr',
      produces: [type],
      raw: S.raw({}),
      normalise: () => [],
    });

  it('refuses a normaliser of another type, and events that cannot name the resource', () => {
    expect(() => defineAwsResource({ collector, normaliser: normaliser('aws.ecr.image') })).toThrow(
      /normaliser is for aws.ecr.image/,
    );
    expect(() =>
      defineAwsResource({
        collector,
        normaliser: normaliser('aws.ecr.repository'),
        changedBy: { events: { DeleteRepository: ['requestParameters.repositoryName'] } },
      }),
    ).toThrow(/no get-one/);
  });
});

describe('kit collectors', () => {
  it('derive their permissions from the declared calls, extra calls included', () => {
    const c = defineCollector({
      type: 'aws.iam.thing',
      service: 'iam',
      client: ECRClient,
      scope: 'global',
      list: { permission: 'iam:GetReport', alsoCalls: ['iam:GenerateReport'], all: async () => [] },
      enrich: {
        a: { permission: 'iam:GetA', call: async () => ({}) },
        b: { permission: 'iam:GetA', after: ['a'], call: async () => ({}) },
      },
    });
    expect(c.permissions).toEqual(['iam:GetReport', 'iam:GenerateReport', 'iam:GetA']);
    expect(c.listPermission).toBe('iam:GetReport');
    expect(c.enrichPermissions).toEqual({ a: 'iam:GetA', b: 'iam:GetA' });
  });

  it('refuse a type outside the cloud pattern and an enrichment after an unknown key', () => {
    const base = { service: 'ecr', client: ECRClient, scope: 'region' as const };
    const list = { permission: 'ecr:DescribeRepositories', all: async () => [] };
    expect(() => defineCollector({ ...base, type: 'ecr.repository', list })).toThrow(/does not match/);
    expect(() =>
      defineCollector({
        ...base,
        type: 'aws.ecr.repository',
        list,
        enrich: { x: { permission: 'ecr:GetX', after: ['y'], call: async () => ({}) } },
      }),
    ).toThrow(/runs after unknown key y/);
  });
});
