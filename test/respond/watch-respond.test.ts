import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinCatalogue } from '../../src/audit/catalogue.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/core/logger.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { WatchService } from '../../src/watch/service.js';
import { setEnv } from '../providers/aws/fixture-endpoint.js';
import { trailRecord } from '../watch/fixtures.js';
import { until } from '../watch/receiver.js';
import { ACCESS_KEY, ACCOUNT, type FakeAws, REGION, startFakeAws } from './fake-aws.js';
import { seams } from './helpers.js';

/*
 * The Done-when: watch with a respond: rule in mode apply for "security group open to
 * the world on 22", the AWS provider against a local endpoint. A planted rule and its
 * CloudTrail event lead to the revoke on that event's recheck, the finding resolves, the action
 * is in the store with its undo, and `cloudward remediate undo` restores the rule. Mode approve
 * proposes, and applies only after `remediate approve`.
 */

const CHECK = 'aws.ec2.no_admin_ports_from_ipv4_internet';
const GROUP = 'sg-0a1b2c3d4e5f60718';
let dir: string;
let aws: FakeAws;
let env: { restore(): void };
let seq = 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-respond-'));
  aws = await startFakeAws();
  env = setEnv({
    AWS_ENDPOINT_URL: aws.url,
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: 'fixture-secret-not-real',
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_PROFILE: undefined,
  });
  aws.groups.set(GROUP, {
    id: GROUP,
    name: 'bastion',
    vpc: 'vpc-1',
    inbound: [{ protocol: 'tcp', from: 443, to: 443, cidr: '0.0.0.0/0' }],
    outbound: [],
  });
});
afterEach(async () => {
  env.restore();
  await aws.close();
  rmSync(dir, { recursive: true, force: true });
});

function plant(trail: string, eventName: string) {
  seq += 1;
  const day = join(trail, 'AWSLogs', ACCOUNT, 'CloudTrail', REGION, '2026', '01', '01');
  mkdirSync(day, { recursive: true });
  const name = `${ACCOUNT}_CloudTrail_${REGION}_20260101T12${String(seq).padStart(2, '0')}Z_r${seq}.json`;
  writeFileSync(
    join(day, `${name}.part`),
    JSON.stringify({ Records: [trailRecord(eventName, { groupId: GROUP })] }),
  );
  renameSync(join(day, `${name}.part`), join(day, name));
}

function setup(mode: 'apply' | 'approve') {
  const trail = join(dir, 'trail');
  mkdirSync(trail);
  const db = join(dir, 'cw.db');
  const file = join(dir, 'cloudward.yaml');
  writeFileSync(
    file,
    `providers:
  prod: { type: aws, regions: [${REGION}], max_attempts: 1 }
stores:
  main: { type: sqlite, path: ${JSON.stringify(db)} }
defaults: { audit: prod, store: main }
audits:
  prod: { providers: [prod], checks: [${CHECK}], store: main, schedule: "0 3 * * *" }
logs:
  trail: { type: cloudtrail, path: ${JSON.stringify(trail)}, poll_seconds: 0.05 }
respond:
  allow: { accounts: ["${ACCOUNT}"] }
  rate_limit: { max: 5, per: 1h }
  rules:
    - when: { checks: [${CHECK}], severity: high }
      action: aws.ec2.revoke_world_ingress
      mode: ${mode}
`,
  );
  const { config } = loadConfig({
    files: [file],
    catalogue: builtinCatalogue,
    env: {},
    cwd: dir,
    systemFile: join(dir, 'none'),
    userFile: join(dir, 'none'),
  });
  const logs: string[] = [];
  const service = new WatchService({
    config,
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    openStore: async () => openSqliteStore(db),
    openState: () => openSqliteStore(db),
    checkpointDir: join(dir, 'checkpoints'),
    respondAws: seams,
  });
  return { service, db, trail, file, logs };
}

const cli = (...args: string[]) => main(['node', 'cloudward', ...args]);

describe('watch respond: rules', () => {
  it('mode apply: the planted rule is revoked on its event, the finding resolves, remediate undo restores it', {
    timeout: 60_000,
  }, async () => {
    const t = setup('apply');
    await t.service.start();
    const store = await openSqliteStore(t.db);
    try {
      await until(
        async () => (await store.listScans({ audit_key: 'prod' })).length === 1,
        'the initial scan',
        30_000,
      );
      aws.groups.get(GROUP)?.inbound.push({ protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0' });
      plant(t.trail, 'AuthorizeSecurityGroupIngress');
      await until(
        async () => (await store.findings({ audit_key: 'prod', states: ['resolved'] })).length === 1,
        'the finding to resolve',
        30_000,
      );
      expect(aws.groups.get(GROUP)?.inbound.map((p) => p.from)).toEqual([443]);
      expect(aws.writes).toEqual(['ec2:RevokeSecurityGroupIngress']);
      const actions = await store.openActions();
      const [rec] = await actions.list();
      await actions.close();
      const [resolved] = await store.findings({ audit_key: 'prod', states: ['resolved'] });
      expect(rec).toMatchObject({
        action: 'aws.ec2.revoke_world_ingress',
        state: 'applied',
        trigger: { kind: 'watch', check_id: CHECK, finding_id: resolved?.com.finding_id },
      });
      expect(rec?.plan?.undo.map((c) => c.action)).toEqual(['ec2:AuthorizeSecurityGroupIngress']);
    } finally {
      await t.service.stop();
    }
    try {
      const actions = await store.openActions();
      const [rec] = await actions.list();
      await actions.close();
      expect(await cli('--config', t.file, '-q', 'remediate', 'undo', rec?.id ?? '', '--yes')).toBe(0);
      expect(
        aws.groups
          .get(GROUP)
          ?.inbound.map((p) => p.from)
          .sort(),
      ).toEqual([22, 443]);
      const after = await store.openActions();
      expect((await after.get(rec?.id ?? ''))?.state).toBe('undone');
      await after.close();
    } finally {
      await store.close();
    }
  });

  it('mode approve: proposes with the command to approve, changes nothing until remediate approve', {
    timeout: 60_000,
  }, async () => {
    const t = setup('approve');
    await t.service.start();
    const store = await openSqliteStore(t.db);
    try {
      await until(
        async () => (await store.listScans({ audit_key: 'prod' })).length === 1,
        'the initial scan',
        30_000,
      );
      aws.groups.get(GROUP)?.inbound.push({ protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0' });
      plant(t.trail, 'AuthorizeSecurityGroupIngress');
      await until(() => t.logs.some((l) => l.includes('remediate approve')), 'the proposal', 30_000);
    } finally {
      await t.service.stop();
    }
    try {
      expect(aws.writes).toEqual([]);
      const actions = await store.openActions();
      const [rec] = await actions.list();
      await actions.close();
      expect(rec?.state).toBe('awaiting_approval');
      expect(t.logs.find((l) => l.includes('remediate approve'))).toContain(
        `cloudward remediate approve ${rec?.id}`,
      );
      expect(await cli('--config', t.file, '-q', 'remediate', 'approve', rec?.id ?? '', '--yes')).toBe(0);
      expect(aws.writes).toEqual(['ec2:RevokeSecurityGroupIngress']);
      expect(aws.groups.get(GROUP)?.inbound.map((p) => p.from)).toEqual([443]);
    } finally {
      await store.close();
    }
  });
});
