import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DISCOVERY_PERMISSIONS, gcpPolicy, knownGcpTypes } from '../../../src/providers/gcp/policy.js';
import { GCP_COLLECTORS } from '../../../src/providers/gcp/resources/index.js';
import { runCli } from '../../helpers/run-cli.js';

describe('cloudward policy gcp', () => {
  it('grants every permission the collectors declare, and project discovery, nothing else', () => {
    const role = gcpPolicy();
    const declared = new Set([...DISCOVERY_PERMISSIONS, ...GCP_COLLECTORS.flatMap((c) => c.permissions)]);
    expect(new Set(role.includedPermissions)).toEqual(declared);
    expect(role.includedPermissions).toEqual([...role.includedPermissions].sort());
    expect(role.includedPermissions).toContain('resourcemanager.projects.getIamPolicy');
    expect(role.includedPermissions).toContain('cloudkms.cryptoKeys.getIamPolicy');
    // reads only: no permission that creates, changes or deletes
    for (const p of role.includedPermissions) expect(p).toMatch(/\.(list|get|getIamPolicy)$/);
  });

  it('narrows to what some types need', () => {
    const role = gcpPolicy(['firewall_rule']);
    expect(role.includedPermissions).toEqual([...DISCOVERY_PERMISSIONS, 'compute.firewalls.list'].sort());
    expect(knownGcpTypes()).toContain('gcp.iam.binding');
    expect(() => gcpPolicy(['gcp.nope.thing'])).toThrow(/unknown GCP resource type/);
  });

  it('prints the custom role as YAML for gcloud iam roles create --file', async () => {
    const r = await runCli(['policy', 'gcp']);
    expect(r.code, r.stderr).toBe(0);
    const doc = parse(r.stdout) as { title: string; stage: string; includedPermissions: string[] };
    expect(doc.stage).toBe('GA');
    expect(doc.includedPermissions).toEqual(gcpPolicy().includedPermissions);
    const bad = await runCli(['policy', 'gcp', '--types', 'gcp.nope.thing']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown GCP resource type');
  });
});
