import {
  DescribeDomainsCommand,
  type DomainStatus,
  ListDomainNamesCommand,
  OpenSearchClient,
} from '@aws-sdk/client-opensearch';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  isRecord,
  num,
  requireItem,
  requireString,
  str,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.opensearch.domain';
/** DescribeDomains takes at most 5 names per call. */
const DESCRIBE_BATCH = 5;

/**
 * OpenSearch Service domains, OpenSearch and legacy Elasticsearch engines alike: ListDomainNames,
 * then DescribeDomains five names at a time (one call per five domains, not one per domain).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'es',
  client: OpenSearchClient,
  scope: 'region',
  list: {
    permission: 'es:ListDomainNames',
    alsoCalls: ['es:DescribeDomains'],
    all: async (client) => {
      const listed = await client.send(new ListDomainNamesCommand({}));
      const names = (listed.DomainNames ?? []).flatMap((d) => (d.DomainName ? [d.DomainName] : []));
      const out: DomainStatus[] = [];
      for (let i = 0; i < names.length; i += DESCRIBE_BATCH) {
        const page = await client.send(
          new DescribeDomainsCommand({ DomainNames: names.slice(i, i + DESCRIBE_BATCH) }),
        );
        out.push(...(page.DomainStatusList ?? []));
      }
      return out;
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'DomainName', 'ARN') },
});

const ENABLED = S.obj({ Enabled: S.bool });
const RAW = S.raw({
  item: S.obj({
    DomainName: S.str,
    ARN: S.str,
    EngineVersion: S.str,
    Endpoint: S.str,
    Endpoints: S.strMap,
    VPCOptions: S.obj({ VPCId: S.str }),
    EncryptionAtRestOptions: ENABLED,
    NodeToNodeEncryptionOptions: ENABLED,
    AdvancedSecurityOptions: ENABLED,
    DomainEndpointOptions: S.obj({ EnforceHTTPS: S.bool, TLSSecurityPolicy: S.str }),
    LogPublishingOptions: S.obj({ ES_APPLICATION_LOGS: ENABLED, AUDIT_LOGS: ENABLED }),
    ClusterConfig: S.obj({
      InstanceCount: S.num,
      ZoneAwarenessEnabled: S.bool,
      DedicatedMasterEnabled: S.bool,
      DedicatedMasterCount: S.num,
    }),
    ServiceSoftwareOptions: S.obj({ UpdateAvailable: S.bool, CurrentVersion: S.str, NewVersion: S.str }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'es',
  produces: [TYPE, 'search_domain'],
  raw: RAW,
  normalise(raw, scope) {
    const d = requireItem<DomainStatus>(raw, TYPE);
    const name = requireString(d, 'DomainName', TYPE, 'item.DomainName');
    const arn = requireString(d, 'ARN', TYPE, 'item.ARN');
    // an option block left out of the answer is an option that is off
    const on = (path: string) => bool(at(d, path)) ?? false;
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'search_domain',
        reference: arn,
        name,
        service: 'es',
        ext: {
          engine_version: str(d.EngineVersion),
          in_vpc: isRecord(d.VPCOptions) && str(at(d, 'VPCOptions.VPCId')) !== null,
          encrypted_at_rest: on('EncryptionAtRestOptions.Enabled'),
          node_to_node_encryption: on('NodeToNodeEncryptionOptions.Enabled'),
          fine_grained_access_control: on('AdvancedSecurityOptions.Enabled'),
          enforce_https: on('DomainEndpointOptions.EnforceHTTPS'),
          tls_policy: str(at(d, 'DomainEndpointOptions.TLSSecurityPolicy')),
          application_logs: on('LogPublishingOptions.ES_APPLICATION_LOGS.Enabled'),
          audit_logs: on('LogPublishingOptions.AUDIT_LOGS.Enabled'),
          data_nodes: num(at(d, 'ClusterConfig.InstanceCount')),
          zone_awareness: on('ClusterConfig.ZoneAwarenessEnabled'),
          dedicated_primary_nodes: on('ClusterConfig.DedicatedMasterEnabled')
            ? (num(at(d, 'ClusterConfig.DedicatedMasterCount')) ?? 0)
            : 0,
          software_update_available: bool(at(d, 'ServiceSoftwareOptions.UpdateAvailable')),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({
  collector,
  normaliser,
  changedBy: {
    events: eventsAt(
      [
        'CreateDomain',
        'UpdateDomainConfig',
        'DeleteDomain',
        'CreateElasticsearchDomain',
        'UpdateElasticsearchDomainConfig',
        'DeleteElasticsearchDomain',
        'UpgradeDomain',
      ],
      ['requestParameters.domainName'],
    ),
  },
  asff: 'AwsOpenSearchServiceDomain',
  // OpenSearch Service publishes no rate for its configuration API
  pacing: { rate: 5, burst: 10 },
});
