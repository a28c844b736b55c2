import {
  DescribeRuleGroupCommand,
  NetworkFirewallClient,
  paginateListRuleGroups,
  type RuleGroupMetadata,
} from '@aws-sdk/client-network-firewall';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  buildRecord,
  enrichment,
  records,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.network_firewall.rule_group';

/** The account's own Network Firewall rule groups (ListRuleGroups), with DescribeRuleGroup per group. */
const collector = defineCollector({
  type: TYPE,
  service: 'network-firewall',
  client: NetworkFirewallClient,
  scope: 'region',
  list: {
    permission: 'network-firewall:ListRuleGroups',
    paginate: (client) => paginateListRuleGroups({ client, pageSize: 100 }, { Scope: 'ACCOUNT' }),
    items: (page) => page.RuleGroups,
  },
  enrich: {
    ruleGroup: {
      permission: 'network-firewall:DescribeRuleGroup',
      facts: ['rule_group_type', 'stateless_rule_count'],
      call: (client, g: RuleGroupMetadata) =>
        client.send(new DescribeRuleGroupCommand({ RuleGroupArn: g.Arn })),
    },
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'network-firewall',
  produces: [TYPE],
  raw: S.raw({
    item: S.obj({ Name: S.str, Arn: S.str }),
    ruleGroup: S.answer({
      RuleGroupResponse: S.obj({ Type: S.str }),
      RuleGroup: S.obj({
        RulesSource: S.obj({
          StatelessRulesAndCustomActions: S.obj({ StatelessRules: S.list(S.obj({ Priority: S.num })) }),
        }),
      }),
    }),
  }),
  normalise(raw, scope) {
    const g = requireItem<RuleGroupMetadata>(raw, TYPE);
    const arn = requireString(g, 'Arn', TYPE, 'item.Arn');
    const detail = enrichment(raw, 'ruleGroup');
    const value = detail.state === 'value' ? detail.value : undefined;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'firewall_rule_group',
        reference: arn,
        name: str(g.Name) ?? arn,
        service: 'network-firewall',
        ext: {
          // STATELESS or STATEFUL
          rule_group_type: detail.state === 'value' ? str(at(value, 'RuleGroupResponse.Type')) : null,
          stateless_rule_count:
            detail.state === 'value'
              ? records(at(value, 'RuleGroup.RulesSource.StatelessRulesAndCustomActions.StatelessRules'))
                  .length
              : null,
          unknown_facts: unknownReasons({ ruleGroup: detail }),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, asff: 'AwsNetworkFirewallRuleGroup' });
