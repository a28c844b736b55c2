import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { type AnyCheck, factsNeeded, resolveParams } from '../../../src/core/check.js';
import { evaluateAccount, runScan } from '../../../src/core/engine.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { AccountBatch } from '../../../src/core/provider.js';
import type { Collector } from '../../../src/providers/aws/collector.js';
import { AWS_COLLECTORS, collectorByType } from '../../../src/providers/aws/collectors/index.js';
import { enrichmentPlan } from '../../../src/providers/aws/produces.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { AZURE_COLLECTORS } from '../../../src/providers/azure/resources/index.js';
import { demoSnapshotPath } from '../../../src/providers/demo.js';
import { GCP_COLLECTORS } from '../../../src/providers/gcp/resources/index.js';
import { NORMALISERS_REGISTRY, normaliseCollection } from '../../../src/providers/normalisers.js';
import { readSnapshot } from '../../../src/providers/snapshot.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { fakeCredentials } from './helpers.js';
import {
  type LocalAws,
  type LocalRequest,
  s3Bucket,
  s3Operation,
  startLocalAws,
  useEndpoint,
  xmlText,
} from './local-aws.js';

/**
 * A scan collects only what its checks read: per-item calls declare the facts they feed,
 * checks the facts they read, and a call no selected check needs is not made.
 */

const byId = (id: string): AnyCheck => {
  const c = ALL_CHECKS.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};

describe('the plan of per-item calls', () => {
  const buckets = collectorByType('aws.s3.bucket') as Collector;

  it('runs only the calls feeding the facts asked for, and what they run after', () => {
    expect([...buckets.enrichmentsFor(new Set(['mfa_delete']))].sort()).toEqual(['location', 'versioning']);
    expect(
      [...buckets.enrichmentsFor(new Set(['secure_transport_required', 'access_logging']))].sort(),
    ).toEqual(['location', 'logging', 'policy']);
  });

  it('narrows a collector only when every check on its type names its facts', () => {
    const plan = (checks: AnyCheck[]) => {
      const types = new Set(checks.flatMap((c) => c.uses));
      return enrichmentPlan(buckets, types, factsNeeded(checks));
    };
    const mfa = byId('aws.s3.bucket_mfa_delete_enabled');
    const tls = byId('aws.s3.bucket_requires_tls');
    expect([...(plan([mfa]) ?? [])].sort()).toEqual(['location', 'versioning']);
    expect([...(plan([mfa, tls]) ?? [])].sort()).toEqual(['location', 'policy', 'versioning']);
    // a cross-cloud check on storage reads the common shape: every call
    const storageCheck = ALL_CHECKS.find((c) => c.uses.includes('storage'));
    if (storageCheck) expect(plan([mfa, storageCheck])).toBeUndefined();
    // every check: only what some check reads
    expect([...(plan(ALL_CHECKS) ?? [])].sort()).toEqual([
      'acl',
      'encryption',
      'lifecycle',
      'location',
      'logging',
      'notifications',
      'objectLock',
      'ownershipControls',
      'policy',
      'policyStatus',
      'publicAccessBlock',
      'versioning',
    ]);
  });

  it('refuses facts of a type the check does not use', async () => {
    const { defineCheck } = await import('../../../src/core/check.js');
    const { pass } = await import('../../../src/core/result.js');
    expect(() =>
      defineCheck({
        id: 'aws.s3.test_facts',
        title: 'A check naming facts of a type it does not use',
        severity: 'low',
        resource: 'aws.s3.bucket',
        facts: { 'aws.kms.key': ['rotation_enabled'] },
        triggers: [],
        description: 'test',
        risk: 'test',
        remediation: { text: 'test' },
        references: [],
        evaluate: () => pass('ok'),
      }),
    ).toThrow(/aws.kms.key, which the check does not use/);
  });
});

/**
 * The declarations are right: every check that names its facts gives the same results on the
 * demo estate with only its planned calls' answers as with all of them, and names facts that
 * exist. A fact left out of a declaration shows up here as a different result.
 */
describe('checks that name their facts give the same results on what the plan collects', async () => {
  const snapshot = await readSnapshot(demoSnapshotPath('day1'));
  const narrowing = ALL_CHECKS.filter((c) => c.facts);
  // every live collector, AWS, Azure and GCP alike: the demo estate has raw answers of each
  const collectors = new Map<string, Collector>(
    [
      ...AWS_COLLECTORS,
      ...(AZURE_COLLECTORS as unknown as Collector[]),
      ...(GCP_COLLECTORS as unknown as Collector[]),
    ].map((c) => [c.type, c]),
  );

  /** The batch as a scan of `check` alone would have collected it. */
  function planned(batch: AccountBatch, check: AnyCheck): { batch: AccountBatch; dropped: number } {
    const types = new Set(check.uses);
    const facts = factsNeeded([check]);
    let dropped = 0;
    const collections = batch.collections.map((col) => {
      const c = collectors.get(col.type);
      const plan = c && enrichmentPlan(c, types, facts);
      if (!c || !plan || !col.items) return col;
      const skip = Object.keys(c.enrichPermissions).filter((k) => !plan.has(k));
      const items = col.items.map((raw) => {
        const kept = { ...raw };
        for (const k of skip) {
          if (!(k in kept)) continue;
          delete kept[k];
          dropped++;
        }
        return kept;
      });
      return { ...col, items };
    });
    return { batch: { ...batch, collections }, dropped };
  }

  it('has checks that name their facts', () => expect(narrowing.length).toBeGreaterThanOrEqual(10));

  // the demo estate holds every collector type (test/providers/demo.test.ts), so every check is judged
  for (const check of narrowing) {
    it(check.id, () => {
      const params = new Map([[check.id, resolveParams(check, undefined)]]);
      const ctx = {
        auditKey: 'plan',
        auditVersion: 'v',
        now: '2025-03-03T06:00:00.000Z',
        compliance: new Map(),
      };
      let dropped = 0;
      let results = 0;
      for (const batch of snapshot.accounts) {
        const full = evaluateAccount(
          batch,
          { normalisers: NORMALISERS_REGISTRY, checks: [check], params, wholeAccount: true },
          ctx,
          new Set(),
        );
        const p = planned(batch, check);
        dropped += p.dropped;
        const narrow = evaluateAccount(
          p.batch,
          { normalisers: NORMALISERS_REGISTRY, checks: [check], params, wholeAccount: true },
          ctx,
          new Set(),
        );
        expect(narrow.outcomes.map((o) => o.row)).toEqual(full.outcomes.map((o) => o.row));
        results += full.outcomes.length;
      }
      expect(results, 'the demo estate exercises the check').toBeGreaterThan(0);
      // the plan is narrowed for every type the check names facts of (what it leaves out depends
      // on the collector: the classic load balancer's only call is the one its check needs)
      for (const type of Object.keys(check.facts ?? {})) {
        const c = collectors.get(type);
        if (c) expect(enrichmentPlan(c, new Set(check.uses), factsNeeded([check])), type).toBeDefined();
      }
      if (check.id.startsWith('aws.s3.') || check.id.startsWith('aws.elbv2.'))
        expect(dropped, 'answers the plan leaves out').toBeGreaterThan(0);
      // every fact named exists on the records of its type (a misspelt fact would ask for nothing)
      for (const [type, facts] of Object.entries(check.facts ?? {})) {
        const fields = new Set<string>();
        for (const batch of snapshot.accounts)
          for (const col of batch.collections.filter((c) => c.items && collectors.get(c.type)))
            for (const r of normaliseCollection(col).records)
              if (r.ext.record_type === type)
                for (const k of [...Object.keys(r.ext), ...Object.keys(r.com)]) fields.add(k);
        for (const f of facts ?? []) expect(fields, `${type} has a fact ${f}`).toContain(f);
      }
    });
  }
});

/** A scan with one S3 check, at a local endpoint: the calls made are counted there. */
describe('a scan of one S3 check', () => {
  const ACCOUNT = '111122223333';
  const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
  const BUCKETS = [
    { name: 'audit-logs', region: 'us-east-1', mfaDelete: true },
    { name: 'app-data', region: 'eu-west-1', mfaDelete: false },
    { name: 'scratch', region: 'eu-west-1', mfaDelete: false },
  ];
  const xml = (body: string) => ({
    body: `<?xml version="1.0" encoding="UTF-8"?>${body}`,
    headers: { 'content-type': 'application/xml' },
  });

  function answer(req: LocalRequest) {
    if (req.service === 'sts' && req.action === 'GetCallerIdentity') {
      return {
        body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/auditor</Arn><UserId>AIDA</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      };
    }
    if (req.service !== 's3') return undefined;
    const op = s3Operation(req);
    if (op === 'ListBuckets') {
      const items = BUCKETS.map(
        (b) =>
          `<Bucket><Name>${xmlText(b.name)}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>${b.region}</BucketRegion></Bucket>`,
      ).join('');
      return xml(
        `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>o</ID></Owner><Buckets>${items}</Buckets></ListAllMyBucketsResult>`,
      );
    }
    const b = BUCKETS.find((x) => x.name === s3Bucket(req));
    if (b && op === 'GetBucketVersioning') {
      return xml(
        `<VersioningConfiguration xmlns="${S3_NS}"><Status>Enabled</Status><MfaDelete>${b.mfaDelete ? 'Enabled' : 'Disabled'}</MfaDelete></VersioningConfiguration>`,
      );
    }
    // anything else the scan should not have asked for
    return undefined;
  }

  let aws: LocalAws;
  let restore: () => void;
  beforeAll(async () => {
    aws = await startLocalAws(answer);
    restore = useEndpoint(aws.url);
  });
  afterAll(async () => {
    restore();
    await aws.close();
  });

  it('calls only what the check reads: the listing and GetBucketVersioning per bucket', async () => {
    const check = byId('aws.s3.bucket_mfa_delete_enabled');
    const store = await openSqliteStore(':memory:');
    const provider = new AwsProvider(
      { type: 'aws', regions: ['eu-west-1'], max_attempts: 1 },
      { credentials: fakeCredentials, homeRegion: 'us-east-1' },
    );
    const report = await runScan({
      normalisers: NORMALISERS_REGISTRY,
      auditKey: 'one-check',
      providers: [provider],
      checks: [check],
      params: new Map([[check.id, resolveParams(check, undefined)]]),
      compliance: new Map(),
      store,
      logger: silentLogger,
    });
    expect(aws.count()).toEqual({
      'sts:GetCallerIdentity': 1,
      's3:ListBuckets': 1,
      's3:GetBucketVersioning': BUCKETS.length,
    });
    expect(aws.refused).toEqual([]);
    expect(report.results.map((r) => [r.resource_name, r.status]).sort()).toEqual([
      ['app-data', 'fail'],
      ['audit-logs', 'pass'],
      ['scratch', 'fail'],
    ]);
    expect(report.scan.errors).toEqual([]);
    await store.close();
  });
});
