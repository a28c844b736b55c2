import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openSource } from '../../../src/detect/sources/index.js';
import { collect, FIXTURES, tempDir } from './helpers.js';

const DIR = join(FIXTURES, 'entra');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('Entra ID sign-in and audit logs', () => {
  it('reads a Graph auditLogs/signIns page (pretty-printed, @odata.context before value)', async () => {
    const file = join(DIR, 'graph-signins.json');
    const src = openSource({ type: 'entra_id', path: file });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(events).toHaveLength(2);
    const [ok, bad] = events;
    expect(ok?.com).toMatchObject({
      cloud_type: 'azure',
      time: '2026-03-02T09:15:41.619Z',
      actor: 'dana@contoso.example',
      source_ip: '203.0.113.37',
      action: 'Sign-in activity',
      outcome: 'success',
      reference: '66ea54eb-6301-4ee5-be62-ff5a759b0100',
      service: 'entra_signin',
    });
    expect(ok?.ext).toMatchObject({
      record_type: 'azure.entra_id.event',
      kind: 'signin',
      error_code: '0',
      app: 'Graph Explorer',
    });
    // a numeric error code other than 0 is a failed sign-in; IPv6 addresses are kept
    expect(bad?.com).toMatchObject({
      outcome: 'failure',
      source_ip: '2001:db8:4::17',
      actor: 'erin@contoso.example',
    });
    expect(bad?.ext.error_code).toBe('50126');
  });

  it('reads Graph auditLogs/directoryAudits as a page on one line and as JSON lines', async () => {
    const file = join(DIR, 'graph-directory-audits.jsonl');
    const src = openSource({ type: 'entra_id', path: file });
    const events = await collect(src);
    expect(src.problems).toEqual([]);
    expect(events.map((e) => [e.com.action, e.com.outcome, e.com.actor])).toEqual([
      ['Add member to role', 'success', 'admin@contoso.example'],
      ['Add service principal', 'failure', 'Provisioning Service'],
    ]);
    expect(events[0]?.com).toMatchObject({
      source_ip: '198.51.100.24',
      time: '2026-03-02T10:20:02.721Z',
      reference: 'Directory_ce75d1f7-9fa4-4b1f-9d3c-11f2ab5c0001',
      service: 'entra_audit',
    });
    expect(events[0]?.ext).toMatchObject({
      kind: 'audit',
      category: 'RoleManagement',
      logged_by_service: 'Core Directory',
      source: { file, line: 1, index: 0 },
    });
    expect(events[1]?.ext.source).toEqual({ file, line: 2 });
  });

  it('reads the diagnostic-settings export and reports the records it cannot read, with their index', async () => {
    const file = join(DIR, 'diagnostic-export.json');
    const src = openSource({ type: 'entra_id', path: file });
    const events = await collect(src);
    expect(events.map((e) => [e.ext.kind, e.ext.category, e.com.outcome])).toEqual([
      ['signin', 'SignInLogs', 'failure'],
      ['audit', 'ApplicationManagement', 'success'],
      ['signin', 'ServicePrincipalSignInLogs', 'success'],
      ['other', 'UserRiskEvents', 'unknown'],
    ]);
    const [mfa, audit, sp, risk] = events;
    expect(mfa?.com).toMatchObject({
      account: TENANT,
      actor: 'frank@contoso.example',
      source_ip: '192.0.2.77',
      time: '2026-03-02T11:02:15.552Z',
      reference: '8b1c2d3e-0001-4a5b-8c9d-0e1f2a3b4c00',
    });
    expect(mfa?.ext.error_code).toBe('500121');
    // a time without a zone is UTC; "<null>" is not an address; the initiating user is the actor
    expect(audit?.com).toMatchObject({
      time: '2026-03-02T11:05:00.100Z',
      source_ip: null,
      actor: 'grace@contoso.example',
      action: 'Update application – Certificates and secrets management ',
    });
    expect(sp?.com).toMatchObject({ actor: 'Billing Sync', source_ip: '203.0.113.200' });
    expect(risk?.com).toMatchObject({ actor: 'frank@contoso.example', action: 'User Risk Detection' });
    expect(src.problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(
        /^line \d+ record 3: properties\.status: expected an object, found string.*event skipped/,
      ),
      expect.stringMatching(/^line \d+ record 4: not an Entra ID sign-in or audit record/),
    ]);
  });

  it('reads gzipped JSON lines of diagnostic records (Event Hub capture) from a directory tree', async () => {
    const dir = tempDir();
    const records = (
      JSON.parse(readFileSync(join(DIR, 'diagnostic-export.json'), 'utf8')) as { records: unknown[] }
    ).records;
    const lines = [records[0], records[1], records[2]].map((r) => JSON.stringify(r)).join('\n');
    writeFileSync(join(dir, 'PT1H.json.gz'), gzipSync(`${lines}\n`));
    writeFileSync(join(dir, 'notes.txt'), 'not a log');
    const src = openSource({ type: 'entra_id', path: dir });
    const events = await collect(src);
    expect(events.map((e) => e.ext.kind)).toEqual(['signin', 'audit', 'signin']);
    expect(src.problems).toEqual([]);
  });

  it('is read from files only', () => {
    expect(() => openSource({ type: 'entra_id', s3: 's3://bucket/prefix' })).toThrow(/cannot read from s3/);
  });
});
