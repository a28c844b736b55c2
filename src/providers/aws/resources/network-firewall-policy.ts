import {
  DescribeFirewallPolicyCommand,
  type FirewallPolicyMetadata,
  NetworkFirewallClient,
  paginateListFirewallPolicies,
} from '@aws-sdk/client-network-firewall';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  buildRecord,
  enrichment,
  records,
  requireItem,
  requireString,
  str,
  strings,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.network_firewall.policy';

/** Network Firewall policies of a region (ListFirewallPolicies, then DescribeFirewallPolicy per policy). */
const collector = defineCollector({
  type: TYPE,
  service: 'network-firewall',
  client: NetworkFirewallClient,
  scope: 'region',
  list: {
    permission: 'network-firewall:ListFirewallPolicies',
    paginate: (client) => paginateListFirewallPolicies({ client, pageSize: 100 }, {}),
    items: (page) => page.FirewallPolicies,
  },
  enrich: {
    policy: {
      permission: 'network-firewall:DescribeFirewallPolicy',
      facts: [
        'stateless_rule_groups',
        'stateful_rule_groups',
        'stateless_default_actions',
        'stateless_fragment_default_actions',
      ],
      call: (client, p: FirewallPolicyMetadata) =>
        client.send(new DescribeFirewallPolicyCommand({ FirewallPolicyArn: p.Arn })),
    },
  },
});

const REFS = S.list(z.looseObject({ ResourceArn: S.str }));

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'network-firewall',
  produces: [TYPE, 'firewall_policy'],
  raw: S.raw({
    item: S.obj({ Name: S.str, Arn: S.str }),
    policy: S.answer({
      FirewallPolicy: S.obj({
        StatelessRuleGroupReferences: REFS,
        StatefulRuleGroupReferences: REFS,
        StatelessDefaultActions: S.strs,
        StatelessFragmentDefaultActions: S.strs,
      }),
    }),
  }),
  normalise(raw, scope) {
    const p = requireItem<FirewallPolicyMetadata>(raw, TYPE);
    const arn = requireString(p, 'Arn', TYPE, 'item.Arn');
    const policy = enrichment(raw, 'policy');
    const body = policy.state === 'value' ? at(policy.value, 'FirewallPolicy') : undefined;
    const read = <T>(v: () => T): T | null => (policy.state === 'value' ? v() : null);
    const refs = (key: string) =>
      records(at(body, key))
        .map((r) => str(r.ResourceArn))
        .filter((a): a is string => a !== null);
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'firewall_policy',
        reference: arn,
        name: str(p.Name) ?? arn,
        service: 'network-firewall',
        ext: {
          stateless_rule_groups: read(() => refs('StatelessRuleGroupReferences')),
          stateful_rule_groups: read(() => refs('StatefulRuleGroupReferences')),
          stateless_default_actions: read(() => strings(at(body, 'StatelessDefaultActions'))),
          stateless_fragment_default_actions: read(() =>
            strings(at(body, 'StatelessFragmentDefaultActions')),
          ),
          unknown_facts: unknownReasons({ policy }),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsNetworkFirewallFirewallPolicy' });
