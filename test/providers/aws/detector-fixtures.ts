import { expect } from 'vitest';
import { REGION, restJson } from './endpoint-collection.js';
import type { EndpointRequest } from './fixture-endpoint.js';

/** What GuardDuty and Security Hub answer on the wire, for the suites of the imports of their findings. */

export const ACCOUNT = '111122223333';
export const DETECTOR = '12abc34d567e8fa901bc2d34e56789f0';
export const gdArn = (n: number) =>
  `arn:aws:guardduty:${REGION}:${ACCOUNT}:detector/${DETECTOR}/finding/f${n}`;
export const instance = (id: string) => ({ resourceType: 'Instance', instanceDetails: { instanceId: id } });

/** A GuardDuty finding as GetFindings sends it on the wire. */
export function guardDutyWire(n: number, resource: Record<string, unknown>, severity = 8) {
  return {
    accountId: ACCOUNT,
    arn: gdArn(n),
    id: `f${n}`,
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-03T10:00:00.000Z',
    description: `EC2 instance is querying a domain name associated with a known command and control server (${n}).`,
    partition: 'aws',
    region: REGION,
    resource,
    schemaVersion: '2.0',
    service: {
      archived: false,
      count: 3,
      detectorId: DETECTOR,
      eventFirstSeen: '2026-01-02T09:58:00.000Z',
      eventLastSeen: '2026-01-03T09:58:00.000Z',
      serviceName: 'guardduty',
    },
    severity,
    title: `Command and control server domain name queried (${n})`,
    type: 'Backdoor:EC2/C&CActivity.B!DNS',
  };
}

/** GuardDuty answering ListDetectors, ListFindings (pages of `pageSize` ids) and GetFindings. */
export function guardDuty(findings: ReturnType<typeof guardDutyWire>[], pageSize = 2) {
  return (r: EndpointRequest) => {
    if (r.service !== 'guardduty') return undefined;
    if (r.method === 'GET' && r.path === '/detector') return restJson({ detectorIds: [DETECTOR] });
    if (r.path === `/detector/${DETECTOR}/findings`) {
      const body = JSON.parse(r.body) as { nextToken?: string; findingCriteria?: unknown };
      expect(body.findingCriteria).toEqual({ criterion: { 'service.archived': { equals: ['false'] } } });
      const start = Number(body.nextToken ?? 0);
      const next = start + pageSize;
      return restJson({
        findingIds: findings.slice(start, next).map((f) => f.id),
        ...(next < findings.length ? { nextToken: String(next) } : {}),
      });
    }
    if (r.path === `/detector/${DETECTOR}/findings/get`) {
      const ids = (JSON.parse(r.body) as { findingIds: string[] }).findingIds;
      return restJson({ findings: findings.filter((f) => ids.includes(f.id)) });
    }
    return undefined;
  };
}

/** A Security Hub finding in ASFF, as GetFindings answers it. */
export function asff(id: string, o: Record<string, unknown> = {}) {
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: `arn:aws:securityhub:${REGION}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    GeneratorId: 'security-control/S3.8',
    AwsAccountId: ACCOUNT,
    Region: REGION,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    CreatedAt: '2026-01-01T00:00:00.000Z',
    UpdatedAt: '2026-01-03T00:00:00.000Z',
    Severity: { Label: 'HIGH', Normalized: 70, Original: 'HIGH' },
    Title: 'S3 general purpose buckets should block public access',
    Description: 'This control checks whether an S3 general purpose bucket blocks public access.',
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the documentation.',
        Url: 'https://docs.aws.amazon.com/console/securityhub/S3.8/remediation',
      },
    },
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::public-assets', Partition: 'aws', Region: REGION }],
    Compliance: { Status: 'FAILED', SecurityControlId: 'S3.8' },
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    ...o,
  };
}

/** Security Hub answering GetFindings in pages of `pageSize`. */
export function securityHub(findings: unknown[], pageSize = 2) {
  return (r: EndpointRequest) => {
    if (r.service !== 'securityhub' || r.path !== '/findings') return undefined;
    const body = JSON.parse(r.body) as { NextToken?: string; Filters: Record<string, unknown> };
    expect(body.Filters.RecordState).toEqual([{ Value: 'ACTIVE', Comparison: 'EQUALS' }]);
    expect(body.Filters.Id).toEqual([{ Value: 'cloudward/', Comparison: 'PREFIX_NOT_EQUALS' }]);
    const start = Number(body.NextToken ?? 0);
    const next = start + pageSize;
    return restJson({
      Findings: findings.slice(start, next),
      ...(next < findings.length ? { NextToken: String(next) } : {}),
    });
  };
}
