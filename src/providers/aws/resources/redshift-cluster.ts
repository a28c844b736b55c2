import {
  type Cluster,
  ClusterNotFoundFault,
  DescribeLoggingStatusCommand,
  paginateDescribeClusterParameters,
  paginateDescribeClusters,
  RedshiftClient,
} from '@aws-sdk/client-redshift';
import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import {
  at,
  bool,
  buildRecord,
  enrichment,
  keyValueTags,
  listEnrichment,
  num,
  records,
  requireItem,
  requireString,
  str,
  unknownReasons,
} from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { allPages } from '../collectors/pages.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.redshift.cluster';

const firstParameterGroup = (c: Cluster) => c.ClusterParameterGroups?.[0]?.ParameterGroupName;

/**
 * Redshift provisioned clusters (DescribeClusters), with their audit logging status
 * (DescribeLoggingStatus, per cluster) and the require_ssl parameter of their parameter group
 * (DescribeClusterParameters, read once per distinct group; only require_ssl is kept).
 */
const collector = defineCollector({
  type: TYPE,
  service: 'redshift',
  client: RedshiftClient,
  scope: 'region',
  list: {
    permission: 'redshift:DescribeClusters',
    paginate: (client) => paginateDescribeClusters({ client, pageSize: 100 }, {}),
    items: (page) => page.Clusters,
  },
  enrich: {
    logging: {
      permission: 'redshift:DescribeLoggingStatus',
      facts: ['audit_logging'],
      call: (client, c: Cluster) =>
        client.send(new DescribeLoggingStatusCommand({ ClusterIdentifier: c.ClusterIdentifier })),
    },
    parameters: {
      permission: 'redshift:DescribeClusterParameters',
      facts: ['require_ssl'],
      when: (c: Cluster) => firstParameterGroup(c) !== undefined,
      cacheKey: firstParameterGroup,
      call: async (client, c: Cluster) => {
        const all = await allPages(
          paginateDescribeClusterParameters(
            { client, pageSize: 100 },
            { ParameterGroupName: firstParameterGroup(c) },
          ),
          (p) => p.Parameters,
        );
        return all.filter((p) => p.ParameterName === 'require_ssl');
      },
    },
  },
  getOne: {
    ids: (raw) => itemIds(raw, 'ClusterIdentifier'),
    narrow: {
      DescribeClustersCommand: (input, id) => {
        input.ClusterIdentifier = id;
        return true;
      },
    },
    absentOn: [ClusterNotFoundFault, 'ClusterNotFound'],
  },
});

const RAW = S.raw({
  item: S.obj({
    ClusterIdentifier: S.str,
    ClusterNamespaceArn: S.str,
    NodeType: S.str,
    PubliclyAccessible: S.bool,
    Encrypted: S.bool,
    KmsKeyId: S.str,
    AutomatedSnapshotRetentionPeriod: S.num,
    AllowVersionUpgrade: S.bool,
    EnhancedVpcRouting: S.bool,
    MasterUsername: S.str,
    DBName: S.str,
    MultiAZ: S.str,
    Endpoint: S.obj({ Port: S.num }),
    ClusterParameterGroups: S.list(z.looseObject({ ParameterGroupName: S.str })),
    Tags: S.keyValueTags,
  }),
  logging: S.answer({ LoggingEnabled: S.bool, LogDestinationType: S.str, BucketName: S.str }),
  parameters: S.answerList(z.looseObject({ ParameterName: S.str, ParameterValue: S.str }), 'Parameters'),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'redshift',
  produces: [TYPE, 'data_warehouse'],
  raw: RAW,
  normalise(raw, scope) {
    const c = requireItem<Cluster>(raw, TYPE);
    const id = requireString(c, 'ClusterIdentifier', TYPE, 'item.ClusterIdentifier');
    const logging = enrichment(raw, 'logging');
    const params = listEnrichment(raw, 'parameters', 'Parameters');
    const requireSsl = params?.find((p) => str(p.ParameterName) === 'require_ssl');
    const group = records(c.ClusterParameterGroups)[0];
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'data_warehouse',
        reference: awsArn('redshift', scope.region, scope.account, `cluster:${id}`, scope.partition),
        name: id,
        service: 'redshift',
        tags: keyValueTags(c.Tags),
        ext: {
          publicly_accessible: bool(c.PubliclyAccessible),
          encrypted: bool(c.Encrypted),
          kms_key_id: str(c.KmsKeyId),
          snapshot_retention_days: num(c.AutomatedSnapshotRetentionPeriod),
          allow_version_upgrade: bool(c.AllowVersionUpgrade),
          enhanced_vpc_routing: bool(c.EnhancedVpcRouting),
          master_username: str(c.MasterUsername),
          database_name: str(c.DBName),
          multi_az: str(c.MultiAZ) === null ? null : str(c.MultiAZ) === 'Enabled',
          port: num(at(c, 'Endpoint.Port')),
          parameter_group: group ? str(group.ParameterGroupName) : null,
          audit_logging: logging.state === 'value' ? bool(logging.value.LoggingEnabled) : null,
          // a parameter group always lists require_ssl; its absence (or no group) reads as the default, off
          require_ssl:
            params === null && group !== undefined
              ? null
              : str(requireSsl?.ParameterValue)?.toLowerCase() === 'true',
          unknown_facts: unknownReasons({
            logging,
            ...(group !== undefined && params === null ? { parameters: enrichment(raw, 'parameters') } : {}),
          }),
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
        'CreateCluster',
        'ModifyCluster',
        'DeleteCluster',
        'EnableLogging',
        'DisableLogging',
        'RestoreFromClusterSnapshot',
      ],
      ['requestParameters.clusterIdentifier'],
    ),
  },
  asff: 'AwsRedshiftCluster',
  // Redshift publishes no rate for its describe calls
  pacing: { rate: 10, burst: 20 },
});
