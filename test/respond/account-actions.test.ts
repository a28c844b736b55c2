import { BadRequestException } from '@aws-sdk/client-guardduty';
import { NoSuchEntityException } from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/core/remediation.js';
import { AwsActionSession } from '../../src/providers/aws/action-session.js';
import { parseAwsProviderConfig } from '../../src/providers/aws/config.js';
import { grantRemediation } from '../../src/providers/aws/write-clients.js';
import { actionById } from '../../src/respond/registry.js';
import type { Remediator } from '../../src/respond/remediator.js';
import type { ActionStore } from '../../src/store/actions.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { useEndpoint } from '../providers/aws/local-aws.js';
import {
  ACCESS_KEY,
  ACCOUNT,
  ASSUMED_KEY,
  type FakeAws,
  OTHER_ACCOUNT,
  REGION,
  startFakeAws,
} from './fake-aws.js';
import { finding, remediator, seams } from './helpers.js';

/*
 * The account- and service-level actions through the real SDK HTTP stack (S3 and S3 Control
 * REST XML, IAM query XML, CloudTrail JSON 1.1, GuardDuty REST JSON) against the stateful local
 * endpoint: each one's dry run, apply, effect on a re-read, and undo; their errors as the SDK
 * raises them; and acting in a member account through the organisation role.
 */

let aws: FakeAws;
let restore: () => void;
let store: Store;
let actions: ActionStore;

beforeEach(async () => {
  aws = await startFakeAws();
  restore = useEndpoint(aws.url);
  store = await openSqliteStore(':memory:');
  actions = await store.openActions();
});
afterEach(async () => {
  restore();
  await actions.close();
  await store.close();
  await aws.close();
});

const action = (id: string) => {
  const a = actionById(id);
  if (!a) throw new Error(`no action ${id}`);
  return a;
};

async function applyFinding(r: Remediator, f: ReturnType<typeof finding>, id: string): Promise<ActionRecord> {
  const p = await r.prepare(f, action(id));
  if (p.kind !== 'planned') throw new Error(`not planned: ${p.kind} ${'reason' in p ? p.reason : ''}`);
  const rec = await r.record(p, action(id), { kind: 'cli', by: 'test' }, 'apply');
  return r.apply(rec.id);
}

async function dryRun(f: ReturnType<typeof finding>, id: string) {
  const p = await remediator(actions, { write: false }).prepare(f, action(id));
  if (p.kind !== 'planned') throw new Error(`not planned: ${p.kind} ${'reason' in p ? p.reason : ''}`);
  return p.plan;
}

/** Every request the endpoint served was signed with a key it knows. */
const allSigned = () => {
  expect(aws.refused).toEqual([]);
  for (const r of aws.requests)
    expect(String(r.headers.authorization)).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=(${ACCESS_KEY}|${ASSUMED_KEY})/`),
    );
};

describe('S3 Control: account Block Public Access', () => {
  const f = () =>
    finding({
      check: 'aws.s3.account_public_access_blocked',
      reference: `arn:aws:s3:::account/${ACCOUNT}`,
      type: 'aws.s3.account_public_access_block',
      region: 'global',
    });

  it('dry run reads only; apply turns all four on for the account; undo restores the partial configuration', async () => {
    aws.state.accountPublicAccessBlock.set(ACCOUNT, {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    const plan = await dryRun(f(), 'aws.s3.block_account_public_access');
    expect(plan.calls).toEqual([
      {
        action: 's3control:PutPublicAccessBlock',
        params: {
          AccountId: ACCOUNT,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
        why: expect.any(String),
      },
    ]);
    expect(aws.writes).toEqual([]);
    // the account id travels in its header, not in the host (an AWS-compatible endpoint has no such names)
    const read = aws.requests.find((r) => r.path === '/v20180820/configuration/publicAccessBlock');
    expect(read?.headers['x-amz-account-id']).toBe(ACCOUNT);

    const done = await applyFinding(remediator(actions), f(), 'aws.s3.block_account_public_access');
    expect(done.state).toBe('applied');
    expect(aws.writes).toEqual(['s3control:PUT /v20180820/configuration/publicAccessBlock']);
    expect(aws.state.accountPublicAccessBlock.get(ACCOUNT)).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    // effect: a re-read has nothing left to do
    expect((await remediator(actions).prepare(f(), action('aws.s3.block_account_public_access'))).kind).toBe(
      'noop',
    );

    expect((await remediator(actions).undo(done.id)).state).toBe('undone');
    expect(aws.state.accountPublicAccessBlock.get(ACCOUNT)).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    allSigned();
  });

  it('an account without a configuration: undo deletes the one it made', async () => {
    const done = await applyFinding(remediator(actions), f(), 'aws.s3.block_account_public_access');
    expect(done.plan?.undo.map((c) => c.action)).toEqual(['s3control:DeletePublicAccessBlock']);
    expect(aws.state.accountPublicAccessBlock.has(ACCOUNT)).toBe(true);
    await remediator(actions).undo(done.id);
    expect(aws.state.accountPublicAccessBlock.has(ACCOUNT)).toBe(false);
    expect(aws.writes).toEqual([
      's3control:PUT /v20180820/configuration/publicAccessBlock',
      's3control:DELETE /v20180820/configuration/publicAccessBlock',
    ]);
  });
});

describe('S3 bucket default encryption', () => {
  const f = (bucket: string) =>
    finding({
      check: 'aws.s3.bucket_default_encryption_enabled',
      reference: `arn:aws:s3:::${bucket}`,
      type: 'aws.s3.bucket',
    });

  it('dry run, apply SSE-S3, effect, undo deletes the configuration the bucket did not have', async () => {
    aws.buckets.set('plain-bucket', { publicAccessBlock: null, encryption: null });
    const plan = await dryRun(f('plain-bucket'), 'aws.s3.enable_default_encryption');
    expect(plan.calls).toEqual([
      {
        action: 's3:PutBucketEncryption',
        params: {
          Bucket: 'plain-bucket',
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
        },
        why: expect.any(String),
      },
    ]);
    expect(plan.undo).toEqual([{ action: 's3:DeleteBucketEncryption', params: { Bucket: 'plain-bucket' } }]);
    expect(aws.writes).toEqual([]);

    const done = await applyFinding(
      remediator(actions),
      f('plain-bucket'),
      'aws.s3.enable_default_encryption',
    );
    expect(done.state).toBe('applied');
    expect(aws.buckets.get('plain-bucket')?.encryption).toEqual({ algorithm: 'AES256' });
    expect(
      (await remediator(actions).prepare(f('plain-bucket'), action('aws.s3.enable_default_encryption'))).kind,
    ).toBe('noop');
    await remediator(actions).undo(done.id);
    expect(aws.buckets.get('plain-bucket')?.encryption).toBeNull();
    expect(aws.writes).toEqual(['s3:PUT /plain-bucket/?encryption=', 's3:DELETE /plain-bucket/?encryption=']);
    allSigned();
  });

  it('a bucket that no longer exists: the plan fails with the SDK error, nothing is recorded', async () => {
    await expect(
      remediator(actions).prepare(f('gone-bucket'), action('aws.s3.enable_default_encryption')),
    ).rejects.toMatchObject({ name: 'NoSuchBucket' });
    expect(await actions.list()).toEqual([]);
    expect(aws.writes).toEqual([]);
  });
});

describe('IAM: deactivate old access keys', () => {
  const f = () =>
    finding({
      check: 'aws.iam.access_keys_rotated',
      reference: `arn:aws:iam::${ACCOUNT}:user/ops/alice`,
      type: 'aws.iam.user',
      region: 'global',
    });
  const OLD = 'AKIAOLDKEY0000000001';
  const NEW = 'AKIANEWKEY0000000002';
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

  beforeEach(() => {
    aws.users.set('alice', [
      { id: OLD, status: 'Active', created: daysAgo(400) },
      { id: NEW, status: 'Active', created: daysAgo(10) },
    ]);
  });

  it('only the active key older than 90 days is deactivated; undo makes it active again', async () => {
    const plan = await dryRun(f(), 'aws.iam.deactivate_old_access_keys');
    expect(plan.calls).toEqual([
      {
        action: 'iam:UpdateAccessKey',
        params: { UserName: 'alice', AccessKeyId: OLD, Status: 'Inactive' },
        why: 'created 400 days ago',
      },
    ]);
    expect(aws.writes).toEqual([]);

    const done = await applyFinding(remediator(actions), f(), 'aws.iam.deactivate_old_access_keys');
    expect(done.state).toBe('applied');
    expect(aws.users.get('alice')?.map((k) => k.status)).toEqual(['Inactive', 'Active']);
    expect((await remediator(actions).prepare(f(), action('aws.iam.deactivate_old_access_keys'))).kind).toBe(
      'noop',
    );
    await remediator(actions).undo(done.id);
    expect(aws.users.get('alice')?.map((k) => k.status)).toEqual(['Active', 'Active']);
    expect(aws.writes).toEqual(['iam:UpdateAccessKey', 'iam:UpdateAccessKey']);
    // IAM is global: its calls are signed for us-east-1
    expect(aws.requests.filter((r) => r.service === 'iam').every((r) => r.region === 'us-east-1')).toBe(true);
    allSigned();
  });

  it('a key deleted after the apply: the undo fails with IAM NoSuchEntity, recorded', async () => {
    const done = await applyFinding(remediator(actions), f(), 'aws.iam.deactivate_old_access_keys');
    aws.users.set('alice', [{ id: NEW, status: 'Active', created: daysAgo(10) }]);
    const undone = await remediator(actions).undo(done.id);
    expect(undone.state).toBe('undo_failed');
    expect(undone.note).toMatch(/^iam:UpdateAccessKey: NoSuchEntity/);
    // the error is the SDK's own class, raised from IAM's wire answer
    const provider = parseAwsProviderConfig({ type: 'aws', regions: [REGION] });
    const grant = grantRemediation({ respondConfigured: true, applyRequested: false });
    const session = await AwsActionSession.open(ACCOUNT, { ...seams, provider, grant });
    try {
      await expect(
        session.write('iam:UpdateAccessKey', 'us-east-1', {
          UserName: 'alice',
          AccessKeyId: OLD,
          Status: 'Active',
        }),
      ).rejects.toBeInstanceOf(NoSuchEntityException);
    } finally {
      session.close();
    }
  });
});

describe('CloudTrail: restart logging and log file validation', () => {
  const ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/main`;
  const f = () =>
    finding({
      check: 'aws.cloudtrail.log_file_validation_enabled',
      reference: ARN,
      type: 'aws.cloudtrail.trail',
      region: 'us-east-1',
    });

  it('a stopped trail without validation: both calls, in its home region; undo in reverse', async () => {
    aws.trails.set('main', { arn: ARN, logging: false, validation: false });
    const plan = await dryRun(f(), 'aws.cloudtrail.restart_logging');
    expect(plan.calls.map((c) => [c.action, c.params])).toEqual([
      ['cloudtrail:StartLogging', { Name: ARN }],
      ['cloudtrail:UpdateTrail', { Name: ARN, EnableLogFileValidation: true }],
    ]);
    expect(plan.undo.map((c) => [c.action, c.params])).toEqual([
      ['cloudtrail:UpdateTrail', { Name: ARN, EnableLogFileValidation: false }],
      ['cloudtrail:StopLogging', { Name: ARN }],
    ]);
    expect(aws.writes).toEqual([]);

    const done = await applyFinding(remediator(actions), f(), 'aws.cloudtrail.restart_logging');
    expect(done.state).toBe('applied');
    expect(aws.trails.get('main')).toMatchObject({ logging: true, validation: true });
    expect((await remediator(actions).prepare(f(), action('aws.cloudtrail.restart_logging'))).kind).toBe(
      'noop',
    );
    // the trail's home region, not the finding's
    expect(aws.requests.filter((r) => r.service === 'cloudtrail').every((r) => r.region === REGION)).toBe(
      true,
    );
    expect(aws.requests.find((r) => r.action === 'StartLogging')?.headers['x-amz-target']).toBe(
      'CloudTrail_20131101.StartLogging',
    );

    await remediator(actions).undo(done.id);
    expect(aws.trails.get('main')).toMatchObject({ logging: false, validation: false });
    expect(aws.writes).toEqual([
      'cloudtrail:StartLogging',
      'cloudtrail:UpdateTrail',
      'cloudtrail:UpdateTrail',
      'cloudtrail:StopLogging',
    ]);
    allSigned();
  });

  it('a logging trail only needs validation: one call, and undo leaves logging on', async () => {
    aws.trails.set('main', { arn: ARN, logging: true, validation: false });
    const done = await applyFinding(remediator(actions), f(), 'aws.cloudtrail.restart_logging');
    expect(done.calls.map((c) => c.action)).toEqual(['cloudtrail:UpdateTrail']);
    await remediator(actions).undo(done.id);
    expect(aws.trails.get('main')).toMatchObject({ logging: true, validation: false });
  });

  it('an account-wide finding names no trail and is refused; a deleted trail fails the plan with TrailNotFoundException', async () => {
    const wide = finding({
      check: 'aws.cloudtrail.log_file_validation_enabled',
      reference: `arn:aws:iam::${ACCOUNT}:root`,
      type: 'aws.cloudtrail.trail',
    });
    expect(await remediator(actions).prepare(wide, action('aws.cloudtrail.restart_logging'))).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('not a CloudTrail trail'),
    });
    await expect(
      remediator(actions).prepare(f(), action('aws.cloudtrail.restart_logging')),
    ).rejects.toMatchObject({ name: 'TrailNotFoundException' });
  });
});

describe('GuardDuty: enable in a region', () => {
  const f = () =>
    finding({
      check: 'aws.guardduty.enabled_in_region',
      reference: `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector`,
      type: 'aws.guardduty.detectors',
    });

  it('no detector: create one, keep its id; undo deletes that detector', async () => {
    const plan = await dryRun(f(), 'aws.guardduty.enable');
    expect(plan.calls).toEqual([
      {
        action: 'guardduty:CreateDetector',
        params: { Enable: true },
        keep: { as: 'detectorId', field: 'DetectorId' },
        why: `no detector in ${REGION}`,
      },
    ]);
    expect(aws.writes).toEqual([]);

    const done = await applyFinding(remediator(actions), f(), 'aws.guardduty.enable');
    expect(done.state).toBe('applied');
    const created = aws.detectors.get(REGION);
    expect(created?.status).toBe('ENABLED');
    expect(done.kept).toEqual({ detectorId: created?.id });
    expect((await remediator(actions).prepare(f(), action('aws.guardduty.enable'))).kind).toBe('noop');

    const undone = await remediator(actions).undo(done.id);
    expect(undone.undo_calls.map((c) => [c.action, c.params])).toEqual([
      ['guardduty:DeleteDetector', { DetectorId: created?.id }],
    ]);
    expect(aws.detectors.has(REGION)).toBe(false);
    expect(aws.writes).toEqual(['guardduty:POST /detector', `guardduty:DELETE /detector/${created?.id}`]);
    allSigned();
  });

  it('a suspended detector is enabled, and suspended again on undo', async () => {
    aws.detectors.set(REGION, { id: 'd0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5', status: 'DISABLED' });
    const done = await applyFinding(remediator(actions), f(), 'aws.guardduty.enable');
    expect(done.calls.map((c) => [c.action, c.params])).toEqual([
      ['guardduty:UpdateDetector', { DetectorId: 'd0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5', Enable: true }],
    ]);
    expect(aws.detectors.get(REGION)?.status).toBe('ENABLED');
    await remediator(actions).undo(done.id);
    expect(aws.detectors.get(REGION)?.status).toBe('DISABLED');
  });

  it('a detector deleted meanwhile: the undo fails with GuardDuty BadRequestException, the SDK class', async () => {
    const done = await applyFinding(remediator(actions), f(), 'aws.guardduty.enable');
    aws.detectors.delete(REGION);
    const undone = await remediator(actions).undo(done.id);
    expect(undone).toMatchObject({
      state: 'undo_failed',
      note: expect.stringMatching(/BadRequestException/),
    });
    const provider = parseAwsProviderConfig({ type: 'aws', regions: [REGION] });
    const grant = grantRemediation({ respondConfigured: true, applyRequested: false });
    const session = await AwsActionSession.open(ACCOUNT, { ...seams, provider, grant });
    try {
      await expect(
        session.write('guardduty:DeleteDetector', REGION, { DetectorId: done.kept.detectorId }),
      ).rejects.toBeInstanceOf(BadRequestException);
    } finally {
      session.close();
    }
  });
});

describe('a member account, through the organisation role', () => {
  const f = () =>
    finding({
      check: 'aws.guardduty.enabled_in_region',
      reference: `arn:aws:guardduty:${REGION}:${OTHER_ACCOUNT}:detector`,
      type: 'aws.guardduty.detectors',
    });
  const ofOther = (r: ReturnType<typeof finding>) => {
    (r.com as { account: string }).account = OTHER_ACCOUNT;
    return r;
  };

  it('assumes the role in the target account before any call to it; every call to the account is signed with the role', async () => {
    const r = remediator(actions, {
      respond: { allow: { accounts: [OTHER_ACCOUNT] } },
      provider: { organization: { role: 'CloudwardRemediation' } },
    });
    const done = await applyFinding(r, ofOther(f()), 'aws.guardduty.enable');
    expect(done.state).toBe('applied');
    expect(aws.assumed).toContain(`arn:aws:iam::${OTHER_ACCOUNT}:role/CloudwardRemediation`);
    const gd = aws.requests.filter((x) => x.service === 'guardduty');
    expect(gd.length).toBeGreaterThan(0);
    for (const x of gd) {
      expect(String(x.headers.authorization)).toContain(`Credential=${ASSUMED_KEY}/`);
      expect(x.headers['x-amz-security-token']).toBe('fixture-session-token');
    }
    await remediator(actions, {
      respond: { allow: { accounts: [OTHER_ACCOUNT] } },
      provider: { organization: { role: 'CloudwardRemediation' } },
    }).undo(done.id);
    expect(aws.detectors.has(REGION)).toBe(false);
    allSigned();
  });

  it('without an organisation role the session is refused before any call to the account', async () => {
    const r = remediator(actions, { respond: { allow: { accounts: [OTHER_ACCOUNT] } } });
    await expect(r.prepare(ofOther(f()), action('aws.guardduty.enable'))).rejects.toThrow(
      `the credentials are for account ${ACCOUNT}, not ${OTHER_ACCOUNT}`,
    );
    expect(aws.requests.filter((x) => x.service !== 'sts')).toEqual([]);
    expect(aws.assumed).toEqual([]);
  });
});
