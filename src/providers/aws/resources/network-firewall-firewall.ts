import {
  DescribeFirewallCommand,
  DescribeLoggingConfigurationCommand,
  type FirewallMetadata,
  NetworkFirewallClient,
  paginateListFirewalls,
} from '@aws-sdk/client-network-firewall';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import {
  at,
  bool,
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

const TYPE = 'aws.network_firewall.firewall';

/**
 * Network Firewall firewalls of a region: ListFirewalls gives names only, so DescribeFirewall
 * (subnets, protections, policy) and DescribeLoggingConfiguration run per firewall, each only
 * when a selected check reads its facts.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'network-firewall',
  client: NetworkFirewallClient,
  scope: 'region',
  list: {
    permission: 'network-firewall:ListFirewalls',
    paginate: (client) => paginateListFirewalls({ client, pageSize: 100 }, {}),
    items: (page) => page.Firewalls,
  },
  enrich: {
    firewall: {
      permission: 'network-firewall:DescribeFirewall',
      facts: ['subnet_zones', 'delete_protection', 'subnet_change_protection', 'policy_arn'],
      call: (client, f: FirewallMetadata) =>
        client.send(new DescribeFirewallCommand({ FirewallArn: f.FirewallArn })),
    },
    logging: {
      permission: 'network-firewall:DescribeLoggingConfiguration',
      facts: ['log_types'],
      call: (client, f: FirewallMetadata) =>
        client.send(new DescribeLoggingConfigurationCommand({ FirewallArn: f.FirewallArn })),
    },
  },
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'network-firewall',
  produces: [TYPE, 'network_firewall'],
  raw: S.raw({
    item: S.obj({ FirewallName: S.str, FirewallArn: S.str }),
    firewall: S.answer({
      Firewall: S.obj({
        FirewallPolicyArn: S.str,
        DeleteProtection: S.bool,
        SubnetChangeProtection: S.bool,
        SubnetMappings: S.list(z.looseObject({ SubnetId: S.str })),
      }),
      FirewallStatus: S.obj({ SyncStates: z.record(z.string(), z.unknown()).nullish() }),
    }),
    logging: S.answer({
      LoggingConfiguration: S.obj({
        LogDestinationConfigs: S.list(z.looseObject({ LogType: S.str, LogDestinationType: S.str })),
      }),
    }),
  }),
  normalise(raw, scope) {
    const f = requireItem<FirewallMetadata>(raw, TYPE);
    const arn = requireString(f, 'FirewallArn', TYPE, 'item.FirewallArn');
    const firewall = enrichment(raw, 'firewall');
    const logging = enrichment(raw, 'logging');
    const detail = firewall.state === 'value' ? at(firewall.value, 'Firewall') : undefined;
    const syncStates =
      firewall.state === 'value' ? at(firewall.value, 'FirewallStatus.SyncStates') : undefined;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'network_firewall',
        reference: arn,
        name: str(f.FirewallName) ?? arn,
        service: 'network-firewall',
        ext: {
          policy_arn: firewall.state === 'value' ? str(at(detail, 'FirewallPolicyArn')) : null,
          subnets:
            firewall.state === 'value'
              ? records(at(detail, 'SubnetMappings'))
                  .map((m) => str(m.SubnetId))
                  .filter((s): s is string => s !== null)
              : null,
          // the Availability Zones the firewall has endpoints in (keys of its sync states)
          subnet_zones:
            firewall.state === 'value'
              ? Object.keys(typeof syncStates === 'object' && syncStates ? syncStates : {})
              : null,
          delete_protection:
            firewall.state === 'value' ? (bool(at(detail, 'DeleteProtection')) ?? false) : null,
          subnet_change_protection:
            firewall.state === 'value' ? (bool(at(detail, 'SubnetChangeProtection')) ?? false) : null,
          log_types:
            logging.state === 'value'
              ? records(at(logging.value, 'LoggingConfiguration.LogDestinationConfigs'))
                  .map((d) => str(d.LogType))
                  .filter((t): t is string => t !== null)
              : null,
          unknown_facts: unknownReasons({ firewall, logging }),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  asff: 'AwsNetworkFirewallFirewall',
  pacing: { rate: 5, burst: 10 },
});
