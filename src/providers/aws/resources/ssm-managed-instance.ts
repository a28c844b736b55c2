import {
  type InstanceInformation,
  paginateDescribeInstanceInformation,
  paginateListResourceComplianceSummaries,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { defineNormaliser } from '../../../core/provider.js';
import { itemIds } from '../../kit/resource.js';
import { buildRecord, isRecord, records, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { awsArn } from '../normalisers/aws-common.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.ssm.managed_instance';

/**
 * The region's Systems Manager managed nodes (DescribeInstanceInformation), each with its
 * compliance summaries (patch, association), read in bulk for every managed node at once with
 * ListResourceComplianceSummaries and joined by resource id: no per-instance call.
 */
const collector = defineCollector({
  type: TYPE,
  service: 'ssm',
  client: SSMClient,
  scope: 'region',
  list: {
    permission: 'ssm:DescribeInstanceInformation',
    alsoCalls: ['ssm:ListResourceComplianceSummaries'],
    all: async (client) => {
      const nodes: InstanceInformation[] = [];
      for await (const page of paginateDescribeInstanceInformation({ client, pageSize: 50 }, {}))
        nodes.push(...(page.InstanceInformationList ?? []));
      if (nodes.length === 0) return [];
      const compliance = new Map<string, unknown[]>();
      const filters = [{ Key: 'ResourceType', Values: ['ManagedInstance'], Type: 'EQUAL' as const }];
      for await (const page of paginateListResourceComplianceSummaries(
        { client, pageSize: 100 },
        { Filters: filters },
      ))
        for (const s of page.ResourceComplianceSummaryItems ?? []) {
          if (!s.ResourceId) continue;
          compliance.set(s.ResourceId, [...(compliance.get(s.ResourceId) ?? []), s]);
        }
      return nodes.map((n) => ({ ...n, ComplianceSummaries: compliance.get(n.InstanceId ?? '') ?? [] }));
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'InstanceId') },
});

const RAW = S.raw({
  item: S.obj({
    InstanceId: S.str,
    PingStatus: S.str,
    ResourceType: S.str,
    PlatformType: S.str,
    ComputerName: S.str,
    ComplianceSummaries: S.list(S.obj({ ComplianceType: S.str, Status: S.str })),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'ssm',
  produces: [TYPE, 'managed_node'],
  raw: RAW,
  normalise(raw, scope) {
    const n = requireItem<InstanceInformation>(raw, TYPE);
    const id = requireString(n, 'InstanceId', TYPE, 'item.InstanceId');
    const status = (type: string) => {
      const s = records(n.ComplianceSummaries).find((c) => str(c.ComplianceType) === type);
      // no summary of that type: nothing of it applies to the node (no patch baseline run, no association)
      return isRecord(s) ? str(s.Status) : null;
    };
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'managed_node',
        reference: awsArn('ssm', scope.region, scope.account, `managed-instance/${id}`, scope.partition),
        name: str(n.ComputerName) ?? id,
        service: 'ssm',
        ext: {
          instance_id: id,
          ping_status: str(n.PingStatus),
          resource_type: str(n.ResourceType),
          platform: str(n.PlatformType),
          patch_compliance: status('Patch'),
          association_compliance: status('Association'),
        },
        shape: {},
      }),
    ];
  },
});

export default defineAwsResource({ collector, normaliser, pacing: { rate: 10, burst: 20 } });
