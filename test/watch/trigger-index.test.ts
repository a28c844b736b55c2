import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { BY_TYPE } from '../../src/watch/resource-ids.js';
import { TriggerIndex } from '../../src/watch/trigger-index.js';

const ids = (cs: { id: string }[]) => cs.map((c) => c.id).sort();

describe('TriggerIndex', () => {
  const index = new TriggerIndex(ALL_CHECKS);

  it('maps an event name to the checks whose triggers list it', () => {
    const got = ids(index.triggered('AuthorizeSecurityGroupIngress'));
    expect(got).toContain('common.network.no_sensitive_port_open_to_internet');
    // an AWS check reading security group rules lists none of the group's events: the resource
    // table brings them
    expect(got).not.toContain('aws.ec2.no_admin_ports_from_ipv4_internet');
    expect(ids(index.checksFor('aws', 'AuthorizeSecurityGroupIngress'))).toContain(
      'aws.ec2.no_admin_ports_from_ipv4_internet',
    );
    for (const c of index.triggered('AuthorizeSecurityGroupIngress'))
      expect(c.triggers).toContain('AuthorizeSecurityGroupIngress');
    expect(index.triggered('NoSuchEvent')).toEqual([]);
  });

  it('a fix re-runs the checks reading the changed resource even when no check lists it', () => {
    const revoke = ids(index.checksFor('aws', 'RevokeSecurityGroupIngress'));
    expect(revoke).toContain('aws.ec2.no_admin_ports_from_ipv4_internet');
    expect(revoke).toContain('common.network.no_sensitive_port_open_to_internet');
    // and only checks that read security groups or their rules
    for (const id of revoke) {
      const c = ALL_CHECKS.find((x) => x.id === id);
      expect(
        c?.uses.some((t) =>
          ['aws.ec2.security_group', 'aws.ec2.security_group_rule', 'firewall_rule', 'firewall'].includes(t),
        ) || c?.triggers.includes('RevokeSecurityGroupIngress'),
      ).toBe(true);
    }
  });

  it('keeps to the checks of the index and to the cloud of the event', () => {
    const only = new TriggerIndex(ALL_CHECKS.filter((c) => c.id === 'aws.s3.bucket_requires_tls'));
    expect(ids(only.checksFor('aws', 'PutBucketPolicy'))).toEqual(['aws.s3.bucket_requires_tls']);
    expect(only.checksFor('aws', 'AuthorizeSecurityGroupIngress')).toEqual([]);
    expect(ids(index.checksFor('gcp', 'v1.compute.firewalls.patch'))).toContain(
      'common.network.no_sensitive_port_open_to_internet',
    );
    expect(
      index
        .checksFor('gcp', 'v1.compute.firewalls.patch')
        .every((c) => !c.clouds || c.clouds.includes('gcp')),
    ).toBe(true);
  });

  it('lists every event name that leads to a recheck', () => {
    const names = index.eventNames();
    expect(names).toContain('StopLogging');
    expect(names).toContain('RevokeSecurityGroupIngress');
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('check triggers', () => {
  const index = new TriggerIndex(ALL_CHECKS);
  it('an AWS check lists only the events its resource types do not already bring', () => {
    const redundant: string[] = [];
    for (const check of ALL_CHECKS.filter((c) => c.id.startsWith('aws.'))) {
      const brought = new Set(
        [...BY_TYPE.values()]
          .filter((e) => !check.clouds || check.clouds.includes(e.cloud))
          .filter((e) => index.readersOf(e.type).includes(check))
          .flatMap((e) => Object.keys(e.events)),
      );
      for (const t of check.triggers) if (brought.has(t)) redundant.push(`${check.id}: ${t}`);
    }
    expect(redundant).toEqual([]);
  });
});
