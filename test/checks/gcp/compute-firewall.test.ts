import rdp from '../../../src/checks/gcp/compute/firewall-no-rdp-from-internet.js';
import ssh from '../../../src/checks/gcp/compute/firewall-no-ssh-from-internet.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import computeFirewall from '../../../src/providers/gcp/resources/compute-firewall.js';
import { checkTester } from '../../helpers/check-tester.js';
import { firewall } from '../../providers/gcp/estate.js';

const P = 'shop-prod';

/** The first firewall_rule record of a firewall, through the real normaliser. */
function ruleOf(spec: Parameters<typeof firewall>[1]): ResourceRecord {
  const records = computeFirewall.normaliser.normalise(
    { item: firewall(P, spec) },
    { cloud: 'gcp', account: P, region: 'global' },
  );
  const rule = records.find((r) => r.ext.record_type === 'gcp.compute.firewall_rule');
  if (!rule) throw new Error('no rule record');
  return rule;
}

/** A rule whose sources could not be read (a normalised shape missing its sources). */
function unreadable(): ResourceRecord {
  const r = ruleOf({
    name: 'x',
    sourceRanges: ['0.0.0.0/0'],
    allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
  });
  return { ...r, com: { ...r.com, source_addresses: undefined } as unknown as ResourceRecord['com'] };
}

for (const [check, port] of [
  [ssh, '22'],
  [rdp, '3389'],
] as const) {
  checkTester(check, {
    pass: [
      {
        name: 'from the IAP range only',
        input: ruleOf({
          name: 'iap',
          sourceRanges: ['35.235.240.0/20'],
          allowed: [{ IPProtocol: 'tcp', ports: [port] }],
        }),
      },
      {
        name: 'HTTPS from anywhere',
        input: ruleOf({
          name: 'web',
          sourceRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
        }),
      },
      {
        name: 'UDP from anywhere',
        input: ruleOf({
          name: 'udp',
          sourceRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'udp', ports: [port] }],
        }),
      },
    ],
    fail: [
      {
        name: 'the port from 0.0.0.0/0',
        input: ruleOf({
          name: 'wide',
          sourceRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'tcp', ports: [port] }],
        }),
        message: `tcp:${port}`,
      },
      {
        name: 'a range covering the port from ::/0',
        input: ruleOf({
          name: 'range',
          sourceRanges: ['::/0'],
          allowed: [{ IPProtocol: 'tcp', ports: ['1-65535'] }],
        }),
      },
      {
        name: 'every protocol (no ports listed) from anywhere',
        input: ruleOf({ name: 'all', sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'all' }] }),
      },
    ],
    error: [{ name: 'sources that could not be read', input: unreadable() }],
    not_applicable: [
      {
        name: 'a disabled rule',
        input: ruleOf({
          name: 'off',
          disabled: true,
          sourceRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'tcp', ports: [port] }],
        }),
      },
      {
        name: 'a deny rule',
        input: ruleOf({
          name: 'deny',
          sourceRanges: ['0.0.0.0/0'],
          denied: [{ IPProtocol: 'tcp', ports: [port] }],
        }),
      },
      {
        name: 'an egress rule',
        input: ruleOf({
          name: 'egress',
          direction: 'EGRESS',
          allowed: [{ IPProtocol: 'tcp', ports: [port] }],
        }),
      },
    ],
  });
}
