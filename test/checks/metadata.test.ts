import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { CHECK_ID_PATTERN } from '../../src/core/check.js';
import { SEVERITIES } from '../../src/core/severity.js';

/**
 * What every peer's catalogue calls critical (docs/writing-checks.md, "Severity"): root access
 * keys, root without MFA, databases reachable from the internet, administration (and SMB)
 * ports open to the world, data anyone can read or write (public buckets, public database
 * snapshots: Security Hub's S3.2, S3.3 and RDS.1 are critical too). A change to this set is a
 * decision, not a side effect.
 */
const CRITICAL = [
  'aws.docdb.cluster_snapshot_not_public',
  'aws.ec2.no_admin_ports_from_ipv4_internet',
  'aws.ec2.no_admin_ports_from_ipv6_internet',
  'aws.ec2.no_cifs_from_internet',
  'aws.iam.root_account_has_no_access_keys',
  'aws.iam.root_account_mfa_enabled',
  'aws.neptune.cluster_snapshot_not_public',
  'aws.rds.cluster_snapshot_not_public',
  'aws.rds.instance_not_reachable_from_internet',
  'aws.rds.snapshot_not_public',
  'aws.s3.bucket_no_public_read_access',
  'aws.s3.bucket_no_public_write_access',
  'azure.network.nsg_rdp_not_open_to_internet',
  'azure.network.nsg_ssh_not_open_to_internet',
  'common.network.no_sensitive_port_open_to_internet',
  'gcp.compute.firewall_no_rdp_from_internet',
  'gcp.compute.firewall_no_ssh_from_internet',
];

describe('every check follows the metadata rules', () => {
  it('has unique ids', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('calls critical exactly the exposures every peer calls critical', () => {
    const critical = ALL_CHECKS.filter((c) => c.severity === 'critical').map((c) => c.id);
    expect(critical.sort()).toEqual(CRITICAL);
  });
  for (const check of ALL_CHECKS) {
    describe(check.id, () => {
      it('has a well-formed id', () => expect(check.id).toMatch(CHECK_ID_PATTERN));
      it('has a title of 10 to 100 characters without a final full stop', () => {
        expect(check.title.length).toBeGreaterThanOrEqual(10);
        expect(check.title.length).toBeLessThanOrEqual(100);
        expect(check.title.endsWith('.')).toBe(false);
      });
      it('has a known severity', () => expect(SEVERITIES).toContain(check.severity));
      it('explains itself and its fix', () => {
        expect(check.description.length).toBeGreaterThan(20);
        expect(check.risk.length).toBeGreaterThan(20);
        expect(check.remediation.text.length).toBeGreaterThan(20);
        expect(check.references.length).toBeGreaterThan(0);
        for (const r of check.references) expect(r).toMatch(/^https:\/\//);
      });
      it('declares what it reads', () => {
        expect(check.uses.length).toBeGreaterThan(0);
        if (check.kind === 'resource') expect(check.uses).toContain(check.resource);
      });
      it('has defaults for every parameter', () => {
        if (check.params) expect(check.params.safeParse({}).success).toBe(true);
      });
    });
  }
});
