import { describe, expect, it } from 'vitest';
import { defineCheck, isOfType, ScopeInventory } from '../../src/core/check.js';
import { runResourceCheck, runScopeCheck } from '../../src/core/evaluate.js';
import { MAX_FACT_CHARS, withNoneFound } from '../../src/core/facts-read.js';
import type { ResourceRecord } from '../../src/core/record.js';
import { fail, pass } from '../../src/core/result.js';
import { makeResource } from '../helpers/resource.js';

const meta = {
  severity: 'low' as const,
  description: 'test',
  risk: 'test',
  remediation: { text: 'test' },
  references: [],
  triggers: [],
};

const db = (ext: Record<string, unknown>, com: Record<string, unknown> = {}) =>
  makeResource({ type: 'db_instance', extType: 'aws.rds.db_instance', name: 'orders', ext, com });

describe('evidence of a failure the check gave none for', () => {
  const deletionProtection = defineCheck({
    ...meta,
    id: 'aws.test.deletion_protection',
    title: 'deletion protection',
    resource: 'aws.rds.db_instance',
    evaluate(r) {
      // reads identity keys for its message and a fact it does not decide on
      void r.ext.engine;
      if (r.ext.deletion_protection === true) return pass('on');
      return fail(`${r.com.name} in ${r.com.region} has no deletion protection`);
    },
  });

  it('is the facts the check read, not the keys naming the resource', () => {
    const out = runResourceCheck(
      deletionProtection,
      db({ deletion_protection: false, engine: 'mysql', port: 3306 }),
      {},
    );
    expect(out.status).toBe('fail');
    expect(out.evidence).toEqual({ deletion_protection: false, engine: 'mysql' });
  });

  it('includes common-model facts (com) the verdict rests on', () => {
    const check = defineCheck({
      ...meta,
      id: 'aws.test.not_public',
      title: 'not public',
      resource: 'aws.rds.db_instance',
      evaluate: (r) =>
        (r.com as Record<string, unknown>).publicly_accessible ? fail('public') : pass('private'),
    });
    expect(runResourceCheck(check, db({}, { publicly_accessible: true }), {}).evidence).toEqual({
      publicly_accessible: true,
    });
  });

  it("keeps the check's own evidence, and adds none to a pass", () => {
    const own = defineCheck({
      ...meta,
      id: 'aws.test.own_evidence',
      title: 'own evidence',
      resource: 'aws.rds.db_instance',
      evaluate: (r) => fail('bad', { evidence: { port: r.ext.port } }),
    });
    expect(runResourceCheck(own, db({ port: 1433, engine: 'sqlserver' }), {}).evidence).toEqual({
      port: 1433,
    });
    const passed = runResourceCheck(deletionProtection, db({ deletion_protection: true }), {});
    expect(passed).toEqual({ status: 'pass', message: 'on' });
  });

  it('names a fact too long to copy by its size', () => {
    const policies = Array.from({ length: 400 }, (_, i) => ({ arn: `arn:aws:iam::aws:policy/Policy${i}` }));
    const check = defineCheck({
      ...meta,
      id: 'aws.test.policies',
      title: 'policies',
      resource: 'aws.rds.db_instance',
      evaluate: (r) => ((r.ext.policies as unknown[]).length > 0 ? fail('has policies') : pass()),
    });
    const evidence = runResourceCheck(check, db({ policies }), {}).evidence as Record<string, unknown>;
    const size = JSON.stringify(policies).length;
    expect(size).toBeGreaterThan(MAX_FACT_CHARS);
    expect(evidence.policies).toBe(
      `(a list of 400 items, ${size} characters as JSON: see the resource's record)`,
    );
  });

  it('gives none when the check read no fact at all', () => {
    const check = defineCheck({
      ...meta,
      id: 'aws.test.by_name',
      title: 'by name',
      resource: 'aws.rds.db_instance',
      evaluate: (r) => fail(`${r.com.name} is named`),
    });
    expect(runResourceCheck(check, db({ port: 1 }), {}).evidence).toBeUndefined();
  });
});

describe('evidence of a scope check failure', () => {
  const trail = (name: string, ext: Record<string, unknown>): ResourceRecord =>
    makeResource({ type: 'trail', extType: 'aws.cloudtrail.trail', name, ext });
  const inventory = (records: ResourceRecord[]) =>
    new ScopeInventory('aws', '111122223333', (t) => records.filter((r) => isOfType(r, t)));

  const monitored = defineCheck({
    ...meta,
    id: 'aws.test.trail_to_logs',
    title: 'a multi-region trail delivers to CloudWatch Logs',
    scope: 'account',
    uses: ['aws.cloudtrail.trail'],
    evaluate(ctx) {
      const ok = ctx
        .resources('aws.cloudtrail.trail')
        .some((t) => t.ext.is_multi_region === true && typeof t.ext.log_group === 'string');
      return ok ? pass('monitored') : fail('no multi-region trail delivers to CloudWatch Logs');
    },
  });

  it('about the whole scope: the records examined, and the facts read of each', () => {
    const a = trail('dev', { is_multi_region: false, log_group: null });
    const b = trail('audit', { is_multi_region: true });
    const [out] = runScopeCheck(monitored, inventory([a, b]), {});
    expect(out?.evidence).toEqual({
      records_examined: { 'aws.cloudtrail.trail': 2 },
      facts_read: {
        [a.com.reference]: { is_multi_region: false },
        [b.com.reference]: { is_multi_region: true },
      },
    });
  });

  it('about no record at all: how many of each type were examined (none)', () => {
    const [out] = runScopeCheck(monitored, inventory([]), {});
    expect(out?.evidence).toEqual({ records_examined: { 'aws.cloudtrail.trail': 0 } });
  });

  it('about one resource: the facts read of that resource', () => {
    const perTrail = defineCheck({
      ...meta,
      id: 'aws.test.trail_validation',
      title: 'log file validation',
      scope: 'account',
      uses: ['aws.cloudtrail.trail'],
      evaluate: (ctx) =>
        ctx
          .resources('aws.cloudtrail.trail')
          .map((t) =>
            t.ext.log_file_validation === true
              ? pass('validated')
              : { ...fail(`${t.com.name} is not validated`), resource: { reference: t.com.reference } },
          ),
    });
    const a = trail('dev', { log_file_validation: false, kms_key: null });
    const b = trail('audit', { log_file_validation: true });
    const out = runScopeCheck(perTrail, inventory([a, b]), {});
    expect(out.map((r) => r.evidence)).toEqual([{ log_file_validation: false }, undefined]);
  });
});

describe('evidence of having none', () => {
  it('a check failing an account with no resource of its type shows that none was found', () => {
    const check = defineCheck({
      ...meta,
      id: 'aws.test.trail_exists',
      title: 'a trail exists',
      resource: 'aws.cloudtrail.trail',
      whenNone: fail('the account has no trail'),
      evaluate: () => pass(),
    });
    expect(withNoneFound(check)).toEqual({
      status: 'fail',
      message: 'the account has no trail',
      evidence: { records_examined: { 'aws.cloudtrail.trail': 0 } },
    });
  });
});
