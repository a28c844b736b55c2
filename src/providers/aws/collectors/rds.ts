import {
  type DBInstance,
  paginateDescribeDBInstances,
  paginateDescribeDBParameters,
  RDSClient,
} from '@aws-sdk/client-rds';
import { defineCollector } from '../collector.js';
import { allPages } from './pages.js';

/** The parameters that say whether an engine refuses connections without TLS. */
export const TLS_PARAMETERS = new Set(['rds.force_ssl', 'require_secure_transport']);

function firstParameterGroup(db: DBInstance): string | undefined {
  return db.DBParameterGroups?.[0]?.DBParameterGroupName;
}

export const dbInstances = defineCollector({
  type: 'aws.rds.db_instance',
  service: 'rds',
  client: RDSClient,
  scope: 'region',
  list: {
    permission: 'rds:DescribeDBInstances',
    paginate: (client) => paginateDescribeDBInstances({ client, pageSize: 100 }, {}),
    items: (page) => page.DBInstances,
  },
  enrich: {
    // read once per distinct parameter group, and only the TLS parameters are kept
    parameters: {
      permission: 'rds:DescribeDBParameters',
      when: (db) => firstParameterGroup(db) !== undefined,
      cacheKey: firstParameterGroup,
      call: async (client, db) => {
        const all = await allPages(
          paginateDescribeDBParameters(
            { client, pageSize: 100 },
            { DBParameterGroupName: firstParameterGroup(db) },
          ),
          (p) => p.Parameters,
        );
        return all.filter((p) => p.ParameterName !== undefined && TLS_PARAMETERS.has(p.ParameterName));
      },
    },
  },
});
