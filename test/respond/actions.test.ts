import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../src/core/remediation.js';
import { AwsActionSession } from '../../src/providers/aws/action-session.js';
import { AWS_ACTIONS } from '../../src/providers/aws/actions/index.js';
import { parseAwsProviderConfig } from '../../src/providers/aws/config.js';
import { grantRemediation, RemediationDisabled } from '../../src/providers/aws/write-clients.js';
import { actionById } from '../../src/respond/registry.js';
import type { Remediator } from '../../src/respond/remediator.js';
import type { ActionStore } from '../../src/store/actions.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { useEndpoint } from '../providers/aws/local-aws.js';
import { ACCOUNT, type FakeAws, REGION, startFakeAws } from './fake-aws.js';
import { finding, remediator, seams, sgRule } from './helpers.js';

/*
 * Each action through the real SDK against a stateful local endpoint: the dry run's calls, the
 * apply and its effect on the resource, the undo; the write path's guard rails; the crash
 * between a write's answer and its record.
 */

const GROUP = 'sg-0a1b2c3d4e5f60718';
let aws: FakeAws;
let restore: () => void;
let store: Store;
let actions: ActionStore;

beforeEach(async () => {
  aws = await startFakeAws();
  restore = useEndpoint(aws.url);
  store = await openSqliteStore(':memory:');
  actions = await store.openActions();
  aws.groups.set(GROUP, {
    id: GROUP,
    name: 'bastion',
    vpc: 'vpc-1',
    inbound: [
      { protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0', description: 'ssh from anywhere' },
      { protocol: 'tcp', from: 443, to: 443, cidr: '0.0.0.0/0' },
    ],
    outbound: [{ protocol: '-1', cidr: '0.0.0.0/0' }],
  });
});
afterEach(async () => {
  restore();
  await actions.close();
  await store.close();
  await aws.close();
});

const ssh = () =>
  finding({
    check: 'aws.ec2.no_admin_ports_from_ipv4_internet',
    reference: sgRule(GROUP, 22),
    type: 'aws.ec2.security_group_rule',
  });
const revoke = () => actionById('aws.ec2.revoke_world_ingress') as NonNullable<ReturnType<typeof actionById>>;

async function applyFinding(r: Remediator, f = ssh(), action = revoke()): Promise<ActionRecord> {
  const p = await r.prepare(f, action);
  if (p.kind !== 'planned') throw new Error(`not planned: ${p.kind} ${'reason' in p ? p.reason : ''}`);
  const rec = await r.record(p, action, { kind: 'cli', by: 'test' }, 'apply');
  expect(rec.state).toBe('planned');
  return r.apply(rec.id);
}

describe('revoke a security group rule open to the world', () => {
  it('dry run: the exact call and its undo, with reads only', async () => {
    const p = await remediator(actions, { write: false }).prepare(ssh(), revoke());
    expect(p.kind).toBe('planned');
    if (p.kind !== 'planned') return;
    expect(p.plan.calls).toEqual([
      {
        action: 'ec2:RevokeSecurityGroupIngress',
        params: {
          GroupId: GROUP,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
        why: 'remove tcp:22 from 0.0.0.0/0',
      },
    ]);
    expect(p.plan.undo[0]?.action).toBe('ec2:AuthorizeSecurityGroupIngress');
    expect(aws.writes).toEqual([]);
    expect(aws.refused).toEqual([]);
    expect(await actions.list()).toEqual([]);
  });

  it('apply removes the rule and records the call; undo restores it with its description', async () => {
    const done = await applyFinding(remediator(actions));
    expect(done.state).toBe('applied');
    expect(aws.groups.get(GROUP)?.inbound.map((p) => p.from)).toEqual([443]);
    expect(aws.writes).toEqual(['ec2:RevokeSecurityGroupIngress']);
    const stored = await actions.get(done.id);
    expect(stored?.calls.map((c) => [c.action, c.error])).toEqual([
      ['ec2:RevokeSecurityGroupIngress', undefined],
    ]);
    expect(stored?.plan?.before).toMatchObject({
      FromPort: 22,
      IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh from anywhere' }],
    });

    const undone = await remediator(actions).undo(done.id);
    expect(undone.state).toBe('undone');
    expect(aws.groups.get(GROUP)?.inbound).toContainEqual({
      protocol: 'tcp',
      from: 22,
      to: 22,
      cidr: '0.0.0.0/0',
      description: 'ssh from anywhere',
    });
    // an undone action cannot be undone twice
    await expect(remediator(actions).undo(done.id)).rejects.toThrow(/is undone/);
  });

  it('a rule already gone is nothing to do; a rule from one address is not an action of this kind', async () => {
    aws.groups.get(GROUP)?.inbound.splice(0, 1);
    expect((await remediator(actions).prepare(ssh(), revoke())).kind).toBe('noop');
    const narrow = finding({
      check: 'aws.ec2.no_admin_ports_from_ipv4_internet',
      reference: sgRule(GROUP, 22, '10.0.0.0/8'),
      type: 'aws.ec2.security_group_rule',
    });
    const p = await remediator(actions).prepare(narrow, revoke());
    expect(p).toMatchObject({ kind: 'refused', reason: expect.stringContaining('not the whole internet') });
  });
});

describe('safety', () => {
  it('without a grant no write call is possible: the session refuses it before any request', async () => {
    const provider = parseAwsProviderConfig({ type: 'aws', regions: [REGION] });
    const session = await AwsActionSession.open(ACCOUNT, { ...seams, provider });
    try {
      expect(session.canWrite).toBe(false);
      await expect(
        session.write('ec2:RevokeSecurityGroupIngress', REGION, { GroupId: GROUP, IpPermissions: [] }),
      ).rejects.toThrow(RemediationDisabled);
    } finally {
      session.close();
    }
    expect(aws.writes).toEqual([]);
    // and the remediator built without one records the failure, making no call
    const r = remediator(actions, { write: false });
    await expect(applyFinding(r)).rejects.toThrow(/not enabled/);
    expect(aws.writes).toEqual([]);
    expect(aws.groups.get(GROUP)?.inbound).toHaveLength(2);
    expect((await actions.list())[0]?.state).toBe('failed');
  });

  it('a grant is refused when remediation is neither configured nor asked for', () => {
    expect(() => grantRemediation({ respondConfigured: false, applyRequested: false })).toThrow(
      RemediationDisabled,
    );
  });

  it('refuses accounts and resources outside the allow-list, and denied ones', async () => {
    const other = remediator(actions, { respond: { allow: { accounts: ['999988887777'] } } });
    expect(await other.prepare(ssh(), revoke())).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('not in respond.allow.accounts'),
    });
    const onlyOthers = remediator(actions, {
      respond: { allow: { accounts: [ACCOUNT], resources: ['arn:aws:s3:::*'] } },
    });
    expect(await onlyOthers.prepare(ssh(), revoke())).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('none of respond.allow.resources'),
    });
    const denied = remediator(actions, { respond: { deny: { resources: [`*${GROUP}*`] } } });
    expect(await denied.prepare(ssh(), revoke())).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('respond.deny.resources'),
    });
    expect(aws.writes).toEqual([]);
    expect(aws.requests.filter((r) => r.service === 'ec2')).toEqual([]);
  });

  it('an action recorded in an allowed account is refused at apply when the allow-list no longer has it', async () => {
    const p = await remediator(actions).prepare(ssh(), revoke());
    if (p.kind !== 'planned') throw new Error('not planned');
    const rec = await remediator(actions).record(p, revoke(), { kind: 'cli', by: 'test' }, 'apply');
    const later = remediator(actions, { respond: { allow: { accounts: ['999988887777'] } } });
    await expect(later.apply(rec.id)).rejects.toThrow(/refused/);
    expect((await actions.get(rec.id))?.state).toBe('rejected');
    expect(aws.writes).toEqual([]);
  });
});

describe('a crash between the request and its record', () => {
  it('a restart re-reads the resource, records the real state and never repeats the call; undo still works', async () => {
    // the process "dies" right after the write answered: its record is never updated again
    const dying = remediator(actions, { owner: 'gone-host:1' });
    const p = await dying.prepare(ssh(), revoke());
    if (p.kind !== 'planned') throw new Error('not planned');
    const rec = await dying.record(p, revoke(), { kind: 'cli', by: 'test' }, 'apply');
    let dead = false;
    const frozen: ActionStore = {
      ...actions,
      location: actions.location,
      insert: (r) => actions.insert(r),
      get: (id) => actions.get(id),
      list: (q) => actions.list(q),
      countSince: (a, b) => actions.countSince(a, b),
      close: async () => undefined,
      update: async (id, from, patch) => {
        // a dead process writes nothing more
        if (patch.calls) dead = true;
        if (dead) throw new Error('killed');
        return actions.update(id, from, patch);
      },
    };
    await expect(remediator(frozen, { owner: 'gone-host:1' }).apply(rec.id)).rejects.toThrow(/killed/);
    expect((await actions.get(rec.id))?.state).toBe('running');
    expect(aws.writes).toEqual(['ec2:RevokeSecurityGroupIngress']);

    const restarted = remediator(actions, { owner: 'new-host:2', alive: false });
    const found = await restarted.recover();
    expect(found.map((r) => [r.id, r.state])).toEqual([[rec.id, 'interrupted']]);
    expect(found[0]?.note).toMatch(
      /0 of 1 call\(s\) recorded; re-read: the fix is in effect. It was not run again/,
    );
    // recovery only read
    expect(aws.writes).toEqual(['ec2:RevokeSecurityGroupIngress']);
    expect(await restarted.recover()).toEqual([]);

    expect((await restarted.undo(rec.id)).state).toBe('undone');
    expect(
      aws.groups
        .get(GROUP)
        ?.inbound.map((x) => x.from)
        .sort(),
    ).toEqual([22, 443]);
  });

  it('an action still running in a live process is left alone', async () => {
    const p = await remediator(actions).prepare(ssh(), revoke());
    if (p.kind !== 'planned') throw new Error('not planned');
    const rec = await remediator(actions).record(p, revoke(), { kind: 'cli', by: 'test' }, 'apply');
    await actions.update(rec.id, ['planned'], { state: 'running', owner: 'busy-host:3' });
    expect(await remediator(actions, { owner: 'me:4', alive: true }).recover()).toEqual([]);
  });
});

describe('approval', () => {
  it('an action awaiting approval runs only once approved, and only once', async () => {
    const r = remediator(actions);
    const p = await r.prepare(ssh(), revoke());
    if (p.kind !== 'planned') throw new Error('not planned');
    const rec = await r.record(p, revoke(), { kind: 'watch', by: 'rule 0' }, 'approve');
    expect(rec.state).toBe('awaiting_approval');
    await expect(r.apply(rec.id)).rejects.toThrow(/awaiting approval, not planned/);
    expect(aws.writes).toEqual([]);
    const done = await r.approve(rec.id, 'alice');
    expect(done).toMatchObject({ state: 'applied', note: 'approved by alice' });
    expect(aws.writes).toEqual(['ec2:RevokeSecurityGroupIngress']);
    await expect(r.approve(rec.id, 'bob')).rejects.toThrow(/is applied, not awaiting approval/);
  });
});

describe('other actions', () => {
  it('S3 Block Public Access for a bucket: put all four, undo deletes the configuration it did not have', async () => {
    aws.buckets.set('open-bucket', { publicAccessBlock: null });
    const action = actionById('aws.s3.block_bucket_public_access') as NonNullable<
      ReturnType<typeof actionById>
    >;
    const f = finding({
      check: 'aws.s3.public_access_blocked',
      reference: 'arn:aws:s3:::open-bucket',
      type: 'aws.s3.bucket',
    });
    const p = await remediator(actions, { write: false }).prepare(f, action);
    expect(p.kind === 'planned' && p.plan.calls.map((c) => c.action)).toEqual(['s3:PutPublicAccessBlock']);
    const done = await applyFinding(remediator(actions), f, action);
    expect(done.state).toBe('applied');
    expect(aws.buckets.get('open-bucket')?.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect((await remediator(actions).undo(done.id)).state).toBe('undone');
    expect(aws.buckets.get('open-bucket')?.publicAccessBlock).toBeNull();
  });

  it('EBS encryption by default: enable, undo disables', async () => {
    const action = actionById('aws.ec2.enable_ebs_encryption_by_default') as NonNullable<
      ReturnType<typeof actionById>
    >;
    const f = finding({
      check: 'aws.ec2.ebs_encryption_by_default',
      reference: `arn:aws:ec2:${REGION}:${ACCOUNT}:ebs-encryption-by-default`,
      type: 'aws.ec2.ebs_encryption_default',
    });
    const done = await applyFinding(remediator(actions), f, action);
    expect(done.state).toBe('applied');
    expect(aws.state.ebsDefault).toBe(true);
    expect((await remediator(actions).prepare(f, action)).kind).toBe('noop');
    await remediator(actions).undo(done.id);
    expect(aws.state.ebsDefault).toBe(false);
  });

  it('quarantine: an isolation group with no rules replaces the instance groups, volumes are snapshotted, the instance tagged; undo restores groups and keeps the snapshots', async () => {
    aws.instances.set('i-0123456789abcdef0', {
      id: 'i-0123456789abcdef0',
      vpc: 'vpc-1',
      enis: [
        { id: 'eni-1', groups: [GROUP] },
        { id: 'eni-2', groups: [GROUP, 'sg-0fffffffffffffff0'] },
      ],
      volumes: ['vol-1', 'vol-2'],
      tags: { Name: 'web-1' },
    });
    const action = actionById('aws.ec2.quarantine_instance') as NonNullable<ReturnType<typeof actionById>>;
    const f = finding({
      check: 'aws.ec2.instance_imdsv2_required',
      reference: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`,
      type: 'aws.ec2.instance',
    });
    const done = await applyFinding(remediator(actions), f, action);
    expect(done.state).toBe('applied');
    const isolation = [...aws.groups.values()].find((g) => g.name === 'cloudward-quarantine');
    expect(isolation).toMatchObject({ vpc: 'vpc-1', inbound: [], outbound: [] });
    const inst = aws.instances.get('i-0123456789abcdef0');
    expect(inst?.enis.map((n) => n.groups)).toEqual([[isolation?.id], [isolation?.id]]);
    expect(inst?.tags['cloudward:quarantine']).toBe(done.id);
    expect(aws.snapshots.map((s) => [s.volume, s.tags['cloudward:quarantine']])).toEqual([
      ['vol-1', done.id],
      ['vol-2', done.id],
    ]);
    expect(done.kept).toMatchObject({ isolation: isolation?.id, snapshot1: aws.snapshots[0]?.id });
    expect(done.plan?.before).toMatchObject({
      network_interfaces: [
        { id: 'eni-1', groups: [GROUP] },
        { id: 'eni-2', groups: [GROUP, 'sg-0fffffffffffffff0'] },
      ],
    });

    await remediator(actions).undo(done.id);
    expect(inst?.enis.map((n) => n.groups)).toEqual([[GROUP], [GROUP, 'sg-0fffffffffffffff0']]);
    expect(inst?.tags).toEqual({ Name: 'web-1' });
    expect(aws.snapshots).toHaveLength(2);

    // a second quarantine reuses the isolation group
    const again = await applyFinding(remediator(actions), f, action);
    expect(again.calls.map((c) => c.action)).not.toContain('ec2:CreateSecurityGroup');
  });

  it('every action declares known calls, the checks it fixes exist, and its permissions', async () => {
    const { ALL_CHECKS } = await import('../../src/checks/index.js');
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const a of AWS_ACTIONS) {
      for (const c of a.fixes) expect(ids.has(c), `${a.id} fixes ${c}`).toBe(true);
      expect(a.writes.length).toBeGreaterThan(0);
    }
  });
});
