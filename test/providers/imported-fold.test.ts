import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { evaluateAccount } from '../../src/core/engine.js';
import type { Outcome } from '../../src/core/evaluate.js';
import type { AccountBatch, Collection } from '../../src/core/provider.js';
import type { FindingRecord } from '../../src/core/record.js';
import { type Severity, severityRank } from '../../src/core/severity.js';
import { complianceIndex, loadFrameworks } from '../../src/frameworks/framework.js';
import { demoSnapshotPath } from '../../src/providers/demo.js';
import { NORMALISERS_REGISTRY } from '../../src/providers/normalisers.js';
import { readSnapshot } from '../../src/providers/snapshot.js';

/**
 * A finding a cloud's detector and a Cloudward check both raise on one resource is shown once,
 * with both sources: the demo estate's own collections (the raw shapes its clouds answer) beside
 * a detector's findings in the shape the import reads them, through normalising, the checks and
 * the fold, for each cloud. The same detector finding on another resource, or on one whose
 * Cloudward check passes, stays a finding of its own.
 */

const snapshot = await readSnapshot(demoSnapshotPath('day1'));
const compliance = complianceIndex(loadFrameworks());
const checks = (...ids: string[]) =>
  ids.map((id) => {
    const c = ALL_CHECKS.find((x) => x.id === id);
    if (!c) throw new Error(`no check ${id}`);
    return c;
  });

function run(account: string, detector: Collection, checkIds: string[]): Outcome[] {
  const batch = snapshot.accounts.find((a) => a.account === account) as AccountBatch;
  const { outcomes } = evaluateAccount(
    { ...batch, collections: [...batch.collections, detector] },
    { checks: checks(...checkIds), params: new Map(), normalisers: NORMALISERS_REGISTRY, wholeAccount: true },
    { auditKey: 't', auditVersion: 'v', now: '2026-01-01T00:00:00.000Z', compliance },
    new Set(),
  );
  return outcomes;
}

const findings = (outcomes: Outcome[]) => outcomes.flatMap((o) => (o.finding ? [o.finding] : []));
const onResource = (outcomes: Outcome[], ref: string) =>
  findings(outcomes).filter((f) => f.com.reference.toLowerCase() === ref.toLowerCase());

/** Folded: one finding on the resource, Cloudward's, naming both sources, the detector's record kept. */
function expectFolded(outcomes: Outcome[], ref: string, checkId: string, source: string, sourceId: string) {
  const on = onResource(outcomes, ref).filter((f) => f.com.status === 'fail');
  expect(on.map((f) => f.ext.check_id)).toEqual([checkId]);
  const [f] = on as [FindingRecord];
  expect(f.ext.sources).toEqual(['cloudward', source]);
  expect(f.raw.imported).toEqual([expect.objectContaining({ source_id: sourceId })]);
  // the higher of the check's severity and the detector's
  const imported = (f.raw.imported as { severity: Severity }[])[0]?.severity as Severity;
  const own = checks(checkId)[0]?.severity as Severity;
  expect(f.com.severity).toBe(severityRank(imported) > severityRank(own) ? imported : own);
  // the import's result row points at the one finding
  expect(outcomes.filter((o) => o.row.finding_id === f.com.finding_id).length).toBe(2);
  return f;
}

/** Not folded: the detector's finding is its own, on its resource. */
function expectOwn(outcomes: Outcome[], source: string, sourceId: string) {
  const f = findings(outcomes).find((x) => x.ext.source === source && x.ext.source_id === sourceId);
  expect(f, `${sourceId} stays its own finding`).toBeDefined();
  expect(f?.ext.sources).toEqual([source]);
  return f as FindingRecord;
}

describe('AWS: IAM Access Analyzer, GuardDuty and Security Hub beside Cloudward', () => {
  const ACCOUNT = '111122223333';
  const analyzer = (id: string, resource: string): Record<string, unknown> => ({
    item: {
      id,
      resource,
      resourceType: 'AWS::S3::Bucket',
      findingType: 'ExternalAccess',
      status: 'ACTIVE',
      resourceOwnerAccount: ACCOUNT,
      analyzerArn: `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzer/org`,
      createdAt: '2025-12-01T00:00:00.000Z',
      updatedAt: '2025-12-02T00:00:00.000Z',
    },
  });
  const analyzerFindings = (items: Record<string, unknown>[]): Collection => ({
    cloud: 'aws',
    account: ACCOUNT,
    region: 'us-east-1',
    type: 'aws.accessanalyzer.finding',
    items,
  });
  const analyzerId = (id: string) =>
    `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzer/org/finding/${id}`;

  it('external access to the public bucket is one finding with the Cloudward check', () => {
    const out = run(ACCOUNT, analyzerFindings([analyzer('aa-1', 'arn:aws:s3:::acme-prod-public-site')]), [
      'aws.s3.bucket_no_public_read_access',
      'aws.accessanalyzer.imported_findings',
    ]);
    expectFolded(
      out,
      'arn:aws:s3:::acme-prod-public-site',
      'aws.s3.bucket_no_public_read_access',
      'aws.accessanalyzer',
      analyzerId('aa-1'),
    );
    expect(findings(out).filter((x) => x.ext.source === 'aws.accessanalyzer')).toEqual([]);
  });

  it('on another bucket, or on one whose check passes, the detector finding stays its own', () => {
    const out = run(
      ACCOUNT,
      analyzerFindings([
        analyzer('aa-2', 'arn:aws:s3:::some-partner-bucket'),
        analyzer('aa-3', 'arn:aws:s3:::acme-prod-audit-logs'),
      ]),
      ['aws.s3.bucket_no_public_read_access', 'aws.accessanalyzer.imported_findings'],
    );
    expect(expectOwn(out, 'aws.accessanalyzer', analyzerId('aa-2')).com.reference).toBe(
      'arn:aws:s3:::some-partner-bucket',
    );
    expectOwn(out, 'aws.accessanalyzer', analyzerId('aa-3'));
    // Cloudward's own finding on the public bucket is untouched
    const own = onResource(out, 'arn:aws:s3:::acme-prod-public-site');
    expect(own.map((x) => x.ext.sources ?? null)).toEqual([null]);
  });

  it('GuardDuty: a bucket made public, reported on the caller key, folds into the bucket', () => {
    const gd = {
      item: {
        Id: 'gd-s3-1',
        Arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/d1/finding/gd-s3-1`,
        Type: 'Policy:S3/BucketAnonymousAccessGranted',
        Title: 'Amazon S3 bucket acme-prod-public-site granted anonymous access',
        Severity: 8,
        CreatedAt: '2025-12-01T00:00:00.000Z',
        UpdatedAt: '2025-12-01T00:00:00.000Z',
        Resource: {
          ResourceType: 'AccessKey',
          AccessKeyDetails: { UserName: 'ci-deployer', UserType: 'IAMUser', AccessKeyId: 'AKIDEXAMPLE' },
          S3BucketDetails: [
            { Arn: 'arn:aws:s3:::acme-prod-public-site', Name: 'acme-prod-public-site', Type: 'Destination' },
          ],
        },
        Service: { ServiceName: 'guardduty', Archived: false },
      },
    };
    const out = run(
      ACCOUNT,
      { cloud: 'aws', account: ACCOUNT, region: 'us-east-1', type: 'aws.guardduty.finding', items: [gd] },
      ['aws.s3.bucket_no_public_read_access', 'aws.guardduty.imported_findings'],
    );
    expectFolded(
      out,
      'arn:aws:s3:::acme-prod-public-site',
      'aws.s3.bucket_no_public_read_access',
      'aws.guardduty',
      gd.item.Arn,
    );
  });

  it('Security Hub: an account-wide control folds into the check its FSBP requirement maps', () => {
    const DEV = '444455556666';
    const hub = {
      item: {
        Id: `arn:aws:securityhub:us-east-1:${DEV}:security-control/IAM.6/finding/sh-iam6`,
        ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
        Title: 'Hardware MFA should be enabled for the root user',
        Severity: { Label: 'CRITICAL' },
        Resources: [{ Type: 'AwsAccount', Id: `AWS::::Account:${DEV}` }],
        Compliance: {
          Status: 'FAILED',
          SecurityControlId: 'IAM.6',
          RelatedRequirements: ['CIS AWS Foundations Benchmark v1.4.0/1.6', 'NIST.800-53.r5 AC-2(1)'],
        },
        RecordState: 'ACTIVE',
        Workflow: { Status: 'NEW' },
      },
    };
    const out = run(
      DEV,
      { cloud: 'aws', account: DEV, region: 'us-east-1', type: 'aws.securityhub.finding', items: [hub] },
      ['aws.iam.root_account_hardware_mfa', 'aws.securityhub.imported_findings'],
    );
    const f = expectFolded(
      out,
      `aws:${DEV}`,
      'aws.iam.root_account_hardware_mfa',
      'aws.securityhub',
      hub.item.Id,
    );
    // the check says medium, Security Hub critical: the finding is critical
    expect(f.com.severity).toBe('critical');
  });
});

/**
 * Recorded shapes: a Security Hub finding of the CIS v1.2.0 standard (rule 2.2, log file
 * validation) and GuardDuty findings as EventBridge delivered them. Skipped when ../shared/data
 * is absent.
 */
const SHARED = new URL('../../../shared/data/logs/eventbridge-custodian/', import.meta.url);
const CIS_FINDING = new URL('event-securityhub-cloudtrail-finding-action.json', SHARED);
const DUTY = new URL('ec2-duty-event.json', SHARED);
const shared = existsSync(CIS_FINDING) && existsSync(DUTY);
if (!shared) console.log(`skipping recorded detector findings in the fold: ${SHARED.pathname} is absent`);

describe.skipIf(!shared)('recorded detector findings in the fold', () => {
  const DEV = '444455556666';
  const TRAIL = `arn:aws:cloudtrail:us-east-1:${DEV}:trail/dev-trail`;

  it('a Security Hub CIS v1.2.0 finding folds into the check of the same rule on the same trail', () => {
    const event = JSON.parse(readFileSync(CIS_FINDING, 'utf8')) as {
      detail: { findings: Record<string, unknown>[] };
    };
    const recorded = event.detail.findings[0] as Record<string, unknown>;
    const resources = recorded.Resources as Record<string, unknown>[];
    // the recorded finding, about the demo's dev trail (which does not validate its log files), failing
    const finding = {
      ...recorded,
      AwsAccountId: DEV,
      Resources: [{ ...resources[0], Id: TRAIL }],
      Compliance: { Status: 'FAILED' },
    };
    const out = run(
      DEV,
      {
        cloud: 'aws',
        account: DEV,
        region: 'us-east-1',
        type: 'aws.securityhub.finding',
        items: [{ item: finding }],
      },
      ['aws.cloudtrail.log_file_validation_enabled', 'aws.securityhub.imported_findings'],
    );
    expectFolded(
      out,
      TRAIL,
      'aws.cloudtrail.log_file_validation_enabled',
      'aws.securityhub',
      String(recorded.Id),
    );
  });

  it('GuardDuty activity findings name no Cloudward check and stay their own', () => {
    const wire = (JSON.parse(readFileSync(DUTY, 'utf8')) as { detail: Record<string, unknown> }).detail;
    const resource = wire.resource as { instanceDetails: { instanceId: string } };
    const item = {
      Id: wire.id,
      Arn: wire.arn,
      Type: wire.type,
      Title: wire.title,
      Severity: wire.severity,
      Resource: {
        ResourceType: 'Instance',
        InstanceDetails: { InstanceId: resource.instanceDetails.instanceId },
      },
    };
    const out = run(
      '111122223333',
      {
        cloud: 'aws',
        account: '111122223333',
        region: 'us-east-1',
        type: 'aws.guardduty.finding',
        items: [{ item }],
      },
      ['aws.ec2.instance_imdsv2_required', 'aws.guardduty.imported_findings'],
    );
    expect(expectOwn(out, 'aws.guardduty', String(wire.arn)).ext.same_as).toBeUndefined();
  });
});

describe('Azure: Defender for Cloud recommendations beside Cloudward', () => {
  const SUB = '0d3e0000-0000-4000-8000-000000000001';
  const account = (rg: string, name: string) =>
    `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;
  const assessment = (resourceId: string, displayName: string) => ({
    item: {
      id: `${resourceId}/providers/Microsoft.Security/assessments/1c5de8e1-f68d-4a17-e0d2-ec259c42768c`,
      name: '1c5de8e1-f68d-4a17-e0d2-ec259c42768c',
      type: 'Microsoft.Security/assessments',
      properties: {
        displayName,
        resourceDetails: { Source: 'Azure', Id: resourceId },
        status: { code: 'Unhealthy' },
        metadata: { displayName, severity: 'High', assessmentType: 'BuiltIn' },
      },
    },
  });
  const assessments = (items: Record<string, unknown>[]): Collection => ({
    cloud: 'azure',
    account: SUB,
    region: 'global',
    type: 'azure.security.assessment',
    items,
  });
  const CHECKS = [
    'azure.storage.account_secure_transfer_required',
    'azure.defender.imported_recommendations',
  ];
  const TITLE = 'Secure transfer to storage accounts should be enabled';

  it('the same storage account, its id in another letter case, is one finding', () => {
    // Defender lower-cases the resource group; Resource Manager keeps the name it was given
    const defenderId = account('web-rg', 'acmepubliccdn').toLowerCase();
    const out = run(SUB, assessments([assessment(defenderId, TITLE)]), CHECKS);
    const f = expectFolded(
      out,
      account('web-rg', 'acmepubliccdn'),
      'azure.storage.account_secure_transfer_required',
      'azure.defender',
      `${defenderId}/providers/Microsoft.Security/assessments/1c5de8e1-f68d-4a17-e0d2-ec259c42768c`,
    );
    expect(f.com.severity).toBe('high');
  });

  it('another account, or one whose check passes, keeps the recommendation its own', () => {
    const other = account('web-rg', 'acmeotherstore');
    const passing = account('monitoring', 'acmeactivitylogs');
    const out = run(SUB, assessments([assessment(other, TITLE), assessment(passing, TITLE)]), CHECKS);
    expectOwn(
      out,
      'azure.defender',
      `${other}/providers/Microsoft.Security/assessments/1c5de8e1-f68d-4a17-e0d2-ec259c42768c`,
    );
    expectOwn(
      out,
      'azure.defender',
      `${passing}/providers/Microsoft.Security/assessments/1c5de8e1-f68d-4a17-e0d2-ec259c42768c`,
    );
  });
});

describe('GCP: Security Command Center beside Cloudward', () => {
  const PROJECT = 'cloudward-demo';
  const scc = (id: string, category: string, resourceName: string, compliances?: unknown) => ({
    item: {
      finding: {
        name: `organizations/1/sources/2/locations/global/findings/${id}`,
        resourceName,
        category,
        severity: 'HIGH',
        state: 'ACTIVE',
        findingClass: 'MISCONFIGURATION',
        createTime: '2025-12-01T00:00:00Z',
        eventTime: '2025-12-02T00:00:00Z',
        ...(compliances ? { compliances } : {}),
      },
      resource: { name: resourceName, displayName: resourceName.split('/').pop() },
    },
  });
  const sccFindings = (items: Record<string, unknown>[]): Collection => ({
    cloud: 'gcp',
    account: PROJECT,
    region: 'global',
    type: 'gcp.securitycenter.finding',
    items,
  });
  const sccId = (id: string) => `organizations/1/sources/2/locations/global/findings/${id}`;

  it('a public bucket by its full resource name is one finding with the Cloudward check', () => {
    const out = run(
      PROJECT,
      sccFindings([
        scc('f1', 'PUBLIC_BUCKET_ACL', '//storage.googleapis.com/cloudward-demo-public-assets', [
          { standard: 'cis', version: '1.0', ids: ['5.1'] },
        ]),
      ]),
      ['gcp.storage.bucket_not_public', 'gcp.securitycenter.imported_findings'],
    );
    const f = expectFolded(
      out,
      'https://www.googleapis.com/storage/v1/b/cloudward-demo-public-assets',
      'gcp.storage.bucket_not_public',
      'gcp.scc',
      sccId('f1'),
    );
    // SCC's CIS ids are of CIS GCP 1.0, which Cloudward has no framework of: only the category's checks
    expect((f.raw.imported as { title: string }[])[0]?.title).toBe('Public bucket acl');
  });

  it('an open SSH firewall folds into the finding on its rule', () => {
    const out = run(
      PROJECT,
      sccFindings([
        scc(
          'f2',
          'OPEN_SSH_PORT',
          `//compute.googleapis.com/projects/${PROJECT}/global/firewalls/allow-ssh-from-anywhere`,
        ),
      ]),
      ['gcp.compute.firewall_no_ssh_from_internet', 'gcp.securitycenter.imported_findings'],
    );
    expectFolded(
      out,
      `https://www.googleapis.com/compute/v1/projects/${PROJECT}/global/firewalls/allow-ssh-from-anywhere#inbound/allowed[0]/0.0.0.0/0`,
      'gcp.compute.firewall_no_ssh_from_internet',
      'gcp.scc',
      sccId('f2'),
    );
  });

  it('another bucket, or one whose check passes, keeps the SCC finding its own', () => {
    const out = run(
      PROJECT,
      sccFindings([
        scc('f3', 'PUBLIC_BUCKET_ACL', '//storage.googleapis.com/someone-elses-bucket'),
        scc('f4', 'PUBLIC_BUCKET_ACL', '//storage.googleapis.com/cloudward-demo-backups'),
      ]),
      ['gcp.storage.bucket_not_public', 'gcp.securitycenter.imported_findings'],
    );
    expectOwn(out, 'gcp.scc', sccId('f3'));
    expect(expectOwn(out, 'gcp.scc', sccId('f4')).com.reference).toBe(
      'https://www.googleapis.com/storage/v1/b/cloudward-demo-backups',
    );
  });
});
