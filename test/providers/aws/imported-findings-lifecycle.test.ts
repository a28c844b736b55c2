import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { notifierOptionsSchema } from '../../../src/config/notifier-options.js';
import { resolveParams } from '../../../src/core/check.js';
import { runScan } from '../../../src/core/engine.js';
import { importedFindingId } from '../../../src/core/imported.js';
import { silentLogger } from '../../../src/core/logger.js';
import { selectChecks } from '../../../src/core/selection.js';
import { enqueueAlerts } from '../../../src/notify/enqueue.js';
import { configMutePredicate } from '../../../src/notify/mutes.js';
import { toAsffFinding } from '../../../src/output/asff.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { NORMALISERS_REGISTRY } from '../../../src/providers/normalisers.js';
import type { FindingSummary } from '../../../src/store/dashboard-store.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { openSqliteOutbox } from '../../../src/store/sqlite-outbox.js';
import type { Store } from '../../../src/store/store.js';
import { recordingLogger } from '../../notify/helpers.js';
import { startTestServer } from '../../server/helpers.js';
import {
  ACCOUNT,
  asff,
  gdArn,
  guardDuty,
  guardDutyWire,
  instance,
  securityHub,
} from './detector-fixtures.js';
import { REGION } from './endpoint-collection.js';
import { callerIdentityAnswer, setEnv, startAwsEndpoint } from './fixture-endpoint.js';

/**
 * Imported findings through the scan engine, the store, mutes, alerts, reports and the dashboard
 * API, collected by the real AWS provider from the fixture endpoint: what GuardDuty and Security
 * Hub list is what a user sees, once per detector finding, with its life.
 */

const KEY = 'AKIDIMPORTLIFECYCLE';
const GD = 'aws.guardduty.imported_findings';
const SH = 'aws.securityhub.imported_findings';

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };
let dir: string;
let guardDutyFindings: ReturnType<typeof guardDutyWire>[] = [];
let hubFindings: unknown[] = [];

beforeEach(async () => {
  endpoint = await startAwsEndpoint({
    accessKeyId: KEY,
    answer: (r) =>
      r.service === 'sts'
        ? callerIdentityAnswer(ACCOUNT)
        : (guardDuty(guardDutyFindings)(r) ?? securityHub(hubFindings)(r)),
  });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
  dir = mkdtempSync(join(tmpdir(), 'cw-imports-'));
});
afterEach(async () => {
  env.restore();
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

let day = 0;
function scan(store: Store, checkIds: string[], configMute?: Parameters<typeof runScan>[0]['configMute']) {
  const checks = ALL_CHECKS.filter((c) => checkIds.includes(c.id));
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' }),
      homeRegion: REGION,
    },
  );
  day += 1;
  return runScan({
    normalisers: NORMALISERS_REGISTRY,
    auditKey: 'aws',
    providers: [provider],
    checks,
    params: new Map(checks.map((c) => [c.id, resolveParams(c, undefined)])),
    compliance: new Map(),
    store,
    logger: silentLogger,
    now: () => new Date(Date.UTC(2026, 1, day)),
    ...(configMute ? { configMute } : {}),
  });
}

const C2_ON_I01 = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-01`;

describe('imported findings through a scan', () => {
  it('are selected only when asked for', () => {
    const all = selectChecks({ all: ALL_CHECKS, frameworks: [] }).map((c) => c.id);
    expect(all).not.toContain(GD);
    const named = selectChecks({ all: ALL_CHECKS, frameworks: [], checks: ['aws.guardduty.*'] }).map(
      (c) => c.id,
    );
    expect(named).toContain(GD);
    const enabled = selectChecks({ all: ALL_CHECKS, frameworks: [], enabled: new Set([SH]) }).map(
      (c) => c.id,
    );
    expect(enabled).toContain(SH);
    expect(enabled).not.toContain(GD);
  });

  it('one life per detector finding: new, open, resolved once archived; the same finding through two imports is one', async () => {
    const store = await openSqliteStore(join(dir, 'store.db'));
    guardDutyFindings = [guardDutyWire(1, instance('i-01'), 8), guardDutyWire(2, instance('i-02'), 5)];
    // Security Hub aggregates GuardDuty: its copy of finding 1 has the GuardDuty ARN as its Id
    hubFindings = [
      asff(gdArn(1), {
        ProductArn: `arn:aws:securityhub:${REGION}::product/aws/guardduty`,
        Compliance: undefined,
        Title: 'Command and control server domain name queried (1)',
        Resources: [{ Type: 'AwsEc2Instance', Id: C2_ON_I01, Partition: 'aws', Region: REGION }],
      }),
      asff('arn:aws:securityhub:eu-west-1:111122223333:security-control/S3.8/finding/0001'),
    ];
    const first = await scan(store, [GD, SH]);
    expect(endpoint.refused).toEqual([]);
    const byRef = new Map(first.findings.map((f) => [f.com.reference, f]));
    expect([...byRef.keys()].sort()).toEqual(
      ['arn:aws:s3:::public-assets', C2_ON_I01, `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-02`].sort(),
    );
    const c2 = byRef.get(C2_ON_I01);
    expect(c2?.com).toMatchObject({
      state: 'new',
      severity: 'high',
      finding_id: importedFindingId(gdArn(1)),
    });
    expect(c2?.ext.sources).toEqual(['aws.guardduty', 'aws.securityhub']);
    expect(c2?.ext.check_title).toBe('Command and control server domain name queried (1)');
    expect(byRef.get('arn:aws:s3:::public-assets')?.com.recommendation).toContain('S3.8/remediation');
    expect(first.scan.counts.findings).toEqual({ new: 3 });

    // alerts: one per new finding, routed as any other
    const outbox = await openSqliteOutbox(join(dir, 'outbox.db'));
    const sent = await enqueueAlerts(first.findings, {
      source: 'test',
      notify: ['hook'],
      notifiers: { hook: notifierOptionsSchema.parse({ type: 'webhook', url: 'https://x.test/' }) },
      outbox,
      logger: recordingLogger(),
      now: new Date(Date.UTC(2026, 1, 1)),
    });
    expect(sent.items).toBe(3);
    await outbox.close();

    const second = await scan(store, [GD, SH]);
    expect(second.scan.counts.findings).toEqual({ open: 3 });

    // GuardDuty finding 2 archived: it is no longer listed, and its finding is resolved
    guardDutyFindings = [guardDutyWire(1, instance('i-01'), 8)];
    const third = await scan(store, [GD, SH]);
    const states = new Map(third.findings.map((f) => [f.com.reference, f.com.state]));
    expect(states.get(`arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-02`)).toBe('resolved');
    expect(states.get(C2_ON_I01)).toBe('open');

    // a mute of the import check mutes its findings
    const mutes = configMutePredicate(
      [
        {
          check: SH,
          owner: 'ana@example.test',
          reason: 'Security Hub is triaged in its console',
          expires: 'never',
        },
      ],
      new Date(Date.UTC(2026, 1, 4)),
    );
    const fourth = await scan(store, [GD, SH], mutes);
    const s38 = fourth.findings.find((f) => f.com.reference === 'arn:aws:s3:::public-assets');
    expect(s38?.com.state).toBe('muted');
    await store.close();

    // the dashboard lists them with the detector's title and severity
    const t = await startTestServer(join(dir, 'store.db'));
    try {
      const list = await t.json<{ items: FindingSummary[] }>('/api/findings?audit=aws');
      const row = list.body.items.find((i) => i.reference === C2_ON_I01);
      expect(row).toMatchObject({
        title: 'Command and control server domain name queried (1)',
        severity: 'high',
      });
      const detail = await t.json<{ finding: { ext: Record<string, unknown> } }>(
        `/api/findings/${importedFindingId(gdArn(1))}`,
      );
      expect(detail.status).toBe(200);
      expect(detail.body.finding.ext.sources).toEqual(['aws.guardduty', 'aws.securityhub']);
    } finally {
      await t.close();
    }

    // an imported finding is not sent back to Security Hub
    const out = toAsffFinding(
      { tool: { name: 'Cloudward', version: 't' }, checks: new Map() } as never,
      c2 as never,
    );
    expect(out).toBe('imported from aws.guardduty: not sent back to Security Hub');
  });

  it('a refused import is an error result, never a pass, and keeps the findings it had', async () => {
    const store = await openSqliteStore(':memory:');
    guardDutyFindings = [guardDutyWire(1, instance('i-01'), 8)];
    hubFindings = [];
    await scan(store, [GD]);
    guardDutyFindings = [];
    const refused = await startAwsEndpoint({
      accessKeyId: KEY,
      answer: (r) =>
        r.service === 'sts'
          ? callerIdentityAnswer(ACCOUNT)
          : {
              status: 403,
              body: JSON.stringify({ message: 'not authorized: guardduty:ListDetectors' }),
              headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' },
            },
    });
    const inner = setEnv({ AWS_ENDPOINT_URL: refused.url });
    try {
      const r = await scan(store, [GD]);
      expect(r.results.map((x) => [x.check_id, x.status])).toEqual([[GD, 'error']]);
      const kept = r.findings.find((f) => f.com.finding_id === importedFindingId(gdArn(1)));
      expect(kept?.com.state ?? 'not reported').not.toBe('resolved');
    } finally {
      inner.restore();
      await refused.close();
      await store.close();
    }
  });
});
