import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openSource } from '../../../src/detect/sources/index.js';
import { collect, FIXTURES, tempDir } from './helpers.js';

const SUB = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';

describe('Azure Activity Log', () => {
  it('maps the storage-export shape ({"records": [...]})', async () => {
    const file = join(FIXTURES, 'azure', 'storage-export.json');
    const src = openSource({ type: 'azure_activity', path: file });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    const [nsg, vault] = events;
    expect(nsg?.com).toMatchObject({
      cloud_type: 'azure',
      account: SUB,
      region: 'global',
      time: '2024-05-01T12:14:26.979Z',
      actor: 'dana@contoso.example',
      source_ip: '203.0.113.50',
      action: 'MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/SECURITYRULES/WRITE',
      outcome: 'success',
      service: 'network',
    });
    expect(nsg?.com.reference).toBe(
      'c776f9f4-36e5-4e0e-809b-c9b3c3fb62a8/Success/2024-05-01T12:14:26.9792776Z',
    );
    expect(nsg?.ext).toMatchObject({
      record_type: 'azure.activity_log.event',
      source: { file, line: 3, index: 0 },
      category: 'Administrative',
      correlation_id: 'c776f9f4-36e5-4e0e-809b-c9b3c3fb62a8',
    });
    // an application caller is named by its app id; failures are failures
    expect(vault?.com).toMatchObject({
      actor: '9a8b7c6d-5e4f-4321-8765-0fedcba98765',
      outcome: 'failure',
      region: 'westeurope',
      service: 'keyvault',
    });
  });

  it('maps the REST shape from JSON lines and reports bad records by line', async () => {
    const file = join(FIXTURES, 'azure', 'rest-api.jsonl');
    const src = openSource({ type: 'azure_activity', path: file });
    const events = await collect(src);
    expect(events.map((e) => [e.com.action, e.com.outcome])).toEqual([
      ['Microsoft.Authorization/roleAssignments/write', 'success'],
      ['Microsoft.Insights/diagnosticSettings/delete', 'unknown'],
    ]);
    expect(events[0]?.com).toMatchObject({
      account: SUB,
      actor: 'erin@contoso.example',
      source_ip: '192.0.2.140',
      reference: '44ade6b4-3813-45e6-ae27-7420a95fa2f8',
      time: '2024-05-01T13:00:01.631Z',
      service: 'authorization',
    });
    expect(src.problems.map((p) => [p.position.line, p.reason])).toEqual([
      [3, 'line 3: eventTimestamp: expected a string, found number 42; event skipped'],
      [4, 'line 4: no "records" array and not an Activity Log record (no time or operationName)'],
    ]);
  });

  it('reads gzipped event hub archives of JSON lines holding records arrays', async () => {
    const dir = tempDir();
    const rec = (i: number) => ({
      time: `2024-05-01T0${i}:00:00Z`,
      resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm${i}`,
      operationName: 'Microsoft.Compute/virtualMachines/delete',
      category: 'Administrative',
      resultType: 'Start',
      callerIpAddress: '2001:db8::5',
      correlationId: `corr-${i}`,
      identity: { claims: { upn: `user${i}@contoso.example` } },
    });
    const lines = [JSON.stringify({ records: [rec(1), rec(2)] }), JSON.stringify({ records: [rec(3)] })];
    const file = join(dir, 'PT1H.json.gz');
    writeFileSync(file, gzipSync(lines.join('\n')));
    const events = await collect(openSource({ type: 'azure_activity', path: file }));
    expect(events.map((e) => [e.com.actor, e.ext.source])).toEqual([
      ['user1@contoso.example', { file, line: 1, index: 0 }],
      ['user2@contoso.example', { file, line: 1, index: 1 }],
      ['user3@contoso.example', { file, line: 2, index: 0 }],
    ]);
    expect(events[0]?.com).toMatchObject({
      outcome: 'unknown',
      source_ip: '2001:db8::5',
      service: 'compute',
    });
  });
});

describe('GCP Cloud Audit Logs', () => {
  it('maps LogEntry fields, skips entries that are not audit logs, and reports bad fields', async () => {
    const file = join(FIXTURES, 'gcp', 'activity.jsonl');
    const src = openSource({ type: 'gcp_audit', path: file });
    const events = await collect(src);
    expect(events.map((e) => e.com.action)).toEqual([
      'v1.compute.firewalls.insert',
      'google.iam.admin.v1.CreateServiceAccountKey',
      'beta.compute.instances.insert',
      'SetIamPolicy',
    ]);
    const [fw, key, vm, org] = events;
    expect(fw?.com).toMatchObject({
      cloud_type: 'gcp',
      account: 'prod-project-123',
      region: 'global',
      time: '2024-05-01T14:00:00.339Z',
      actor: 'ops@example.org',
      source_ip: '203.0.113.77',
      outcome: 'success',
      reference: '1x2y3z4w5v6u',
      service: 'compute',
    });
    expect(fw?.ext).toMatchObject({
      record_type: 'gcp.audit_log.event',
      audit_log: 'activity',
      resource_type: 'gce_firewall_rule',
      status_code: 0,
    });
    expect(key?.com.outcome).toBe('failure');
    expect(key?.ext.status_code).toBe(7);
    // internal caller "IPs" are not addresses; the zone gives the region
    expect(vm?.com).toMatchObject({ source_ip: null, region: 'europe-west1', outcome: 'success' });
    expect(vm?.ext.caller_ip).toBe('gce-internal-ip');
    expect(org?.com.account).toBe('organizations/123456789012');
    expect(src.stats.skipped).toBe(1);
    expect(src.problems.map((p) => [p.position.line, p.reason])).toEqual([
      [5, 'line 5: protoPayload.status.code: expected a number, found string; event skipped'],
    ]);
  });

  it('reads a gcloud --format=json array and reports entries that are not LogEntries', async () => {
    const dir = tempDir();
    const entry = {
      insertId: 'arr1',
      logName: 'projects/p1/logs/cloudaudit.googleapis.com%2Fdata_access',
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        methodName: 'storage.objects.get',
        serviceName: 'storage.googleapis.com',
        authenticationInfo: { principalEmail: 'reader@example.org' },
      },
      resource: { type: 'gcs_bucket', labels: { project_id: 'p1', location: 'us-central1' } },
      timestamp: '2024-05-01T15:00:00Z',
    };
    const file = join(dir, 'entries.json');
    writeFileSync(file, JSON.stringify([entry, { hello: 'world' }], null, 2));
    const src = openSource({ type: 'gcp_audit', path: file });
    const events = await collect(src);
    expect(events.map((e) => [e.com.region, e.ext.audit_log])).toEqual([['us-central1', 'data_access']]);
    expect(src.problems).toHaveLength(1);
    expect(src.problems[0]?.position).toEqual({ line: 22, index: 1 });
    expect(src.problems[0]?.reason).toMatch(/not a Cloud Logging LogEntry/);
  });
});

const PLASO = '/work/shared/data/logs/plaso';
describe.skipIf(!existsSync(PLASO))('shared sample logs (plaso test data)', () => {
  if (!existsSync(PLASO)) console.log(`skipping: ${PLASO} is absent`);

  it('reads the CloudTrail LookupEvents, Azure SDK and GCP samples', async () => {
    const ct = openSource({ type: 'cloudtrail', path: join(PLASO, 'aws_cloudtrail.jsonl') });
    const ctEvents = await collect(ct);
    expect(ct.problems).toEqual([]);
    expect(ctEvents.length).toBeGreaterThan(0);
    expect(ctEvents.every((e) => e.com.account === '012345678901')).toBe(true);

    const az = openSource({ type: 'azure_activity', path: join(PLASO, 'azure_activity_log.jsonl') });
    const azEvents = await collect(az);
    expect(az.problems).toEqual([]);
    expect(azEvents.length).toBeGreaterThan(0);
    expect(azEvents[0]?.com.action).toMatch(/^Microsoft\./);
    expect(azEvents.every((e) => e.com.source_ip !== undefined)).toBe(true);

    const gcp = openSource({ type: 'gcp_audit', path: join(PLASO, 'gcp_logging.jsonl') });
    const gcpEvents = await collect(gcp);
    expect(gcp.problems).toEqual([]);
    expect(gcpEvents.length).toBeGreaterThan(0);
    expect(gcp.stats.skipped).toBeGreaterThan(0);
    expect(gcpEvents.some((e) => e.com.outcome === 'failure')).toBe(true);
  });
});
