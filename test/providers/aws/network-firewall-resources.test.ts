import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountBatch, Collection } from '../../../src/core/provider.js';
import type { ResourceRecord } from '../../../src/core/record.js';
import { AwsProvider } from '../../../src/providers/aws/provider.js';
import { normaliseCollection } from '../../../src/providers/normalisers.js';
import {
  type Answer,
  callerIdentityAnswer,
  type EndpointRequest,
  setEnv,
  startAwsEndpoint,
} from './fixture-endpoint.js';
import { wireError } from './helpers.js';

/** Network Firewall firewalls and policies through the whole SDK stack (awsJson1_0, NetworkFirewall_20201112.*). */

const ACCOUNT = '111122223333';
const KEY = 'AKIDNFWTEST';
const REGION = 'eu-west-1';
const FW = `arn:aws:network-firewall:${REGION}:${ACCOUNT}:firewall/egress`;
const POLICY = `arn:aws:network-firewall:${REGION}:${ACCOUNT}:firewall-policy/egress-policy`;

let endpoint: Awaited<ReturnType<typeof startAwsEndpoint>>;
let env: { restore(): void };
let logging: () => Answer;

const json = (body: unknown): Answer => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/x-amz-json-1.0' },
});

function nfw(r: EndpointRequest): Answer | undefined {
  if (r.headers['x-amz-target'] !== `NetworkFirewall_20201112.${r.action}`) return undefined;
  switch (r.action) {
    case 'ListFirewalls':
      return json({ Firewalls: [{ FirewallName: 'egress', FirewallArn: FW }] });
    case 'DescribeFirewall':
      return json({
        UpdateToken: 't',
        Firewall: {
          FirewallName: 'egress',
          FirewallArn: FW,
          FirewallPolicyArn: POLICY,
          VpcId: 'vpc-1',
          SubnetMappings: [{ SubnetId: 'subnet-a' }],
          DeleteProtection: false,
          SubnetChangeProtection: true,
          FirewallId: 'id-1',
        },
        FirewallStatus: {
          Status: 'READY',
          ConfigurationSyncStateSummary: 'IN_SYNC',
          SyncStates: { 'eu-west-1a': { Attachment: { SubnetId: 'subnet-a', Status: 'READY' } } },
        },
      });
    case 'DescribeLoggingConfiguration':
      return logging();
    case 'ListFirewallPolicies':
      return json({ FirewallPolicies: [{ Name: 'egress-policy', Arn: POLICY }] });
    case 'DescribeFirewallPolicy':
      return json({
        UpdateToken: 't',
        FirewallPolicyResponse: {
          FirewallPolicyName: 'egress-policy',
          FirewallPolicyArn: POLICY,
          FirewallPolicyId: 'p1',
        },
        FirewallPolicy: {
          StatelessDefaultActions: ['aws:pass'],
          StatelessFragmentDefaultActions: ['aws:drop'],
          StatefulRuleGroupReferences: [
            { ResourceArn: `arn:aws:network-firewall:${REGION}:${ACCOUNT}:stateful-rulegroup/block` },
          ],
        },
      });
    case 'ListRuleGroups':
      expect(JSON.parse(r.body)).toMatchObject({ Scope: 'ACCOUNT' });
      return json({
        RuleGroups: [
          {
            Name: 'allow-dns',
            Arn: `arn:aws:network-firewall:${REGION}:${ACCOUNT}:stateless-rulegroup/allow-dns`,
          },
        ],
      });
    case 'DescribeRuleGroup':
      return json({
        UpdateToken: 't',
        RuleGroupResponse: {
          RuleGroupArn: 'x',
          RuleGroupName: 'allow-dns',
          RuleGroupId: 'g1',
          Type: 'STATELESS',
          Capacity: 10,
        },
        RuleGroup: { RulesSource: { StatelessRulesAndCustomActions: { StatelessRules: [] } } },
      });
    default:
      return undefined;
  }
}

beforeEach(async () => {
  logging = () => json({ FirewallArn: FW, LoggingConfiguration: { LogDestinationConfigs: [] } });
  endpoint = await startAwsEndpoint({
    accessKeyId: KEY,
    answer: (r) =>
      r.service === 'sts'
        ? callerIdentityAnswer(ACCOUNT)
        : r.service === 'network-firewall'
          ? nfw(r)
          : undefined,
  });
  env = setEnv({ AWS_ENDPOINT_URL: endpoint.url, AWS_EC2_METADATA_DISABLED: 'true' });
});
afterEach(async () => {
  env.restore();
  await endpoint.close();
});

async function records(type: string): Promise<ResourceRecord[]> {
  const provider = new AwsProvider(
    { type: 'aws', regions: [REGION], max_attempts: 1 },
    {
      credentials: async () => ({ accessKeyId: KEY, secretAccessKey: 'fixture-secret-not-real' }),
      homeRegion: REGION,
    },
  );
  const batches: AccountBatch[] = [];
  for await (const b of provider.collect({ types: new Set([type]) })) batches.push(b);
  const c = batches[0]?.collections.find((x) => x.type === type) as Collection;
  expect(c.error).toBeUndefined();
  const n = normaliseCollection(c);
  expect(n.errors).toEqual([]);
  expect(endpoint.refused).toEqual([]);
  return n.records;
}

describe('Network Firewall resource types', () => {
  it('firewalls: zones, protections and log types', async () => {
    const [f] = await records('aws.network_firewall.firewall');
    expect(f?.ext).toMatchObject({
      policy_arn: POLICY,
      subnets: ['subnet-a'],
      subnet_zones: ['eu-west-1a'],
      delete_protection: false,
      subnet_change_protection: true,
      log_types: [],
    });
  });

  it('a refused logging read leaves the log types unknown, with the reason', async () => {
    logging = () =>
      wireError(
        'AwsJson1_0Protocol',
        'AccessDeniedException',
        'not authorized to perform: network-firewall:DescribeLoggingConfiguration',
      );
    const [f] = await records('aws.network_firewall.firewall');
    expect(f?.ext.log_types).toBeNull();
    expect(f?.ext.unknown_facts).toMatchObject({ logging: expect.stringContaining('AccessDenied') });
  });

  it('rule groups: their type and how many stateless rules they hold', async () => {
    const [g] = await records('aws.network_firewall.rule_group');
    expect(g?.ext).toMatchObject({ rule_group_type: 'STATELESS', stateless_rule_count: 0 });
  });

  it('policies: rule groups and stateless default actions', async () => {
    const [p] = await records('aws.network_firewall.policy');
    expect(p?.ext).toMatchObject({
      stateless_rule_groups: [],
      stateful_rule_groups: [`arn:aws:network-firewall:${REGION}:${ACCOUNT}:stateful-rulegroup/block`],
      stateless_default_actions: ['aws:pass'],
      stateless_fragment_default_actions: ['aws:drop'],
    });
  });
});
