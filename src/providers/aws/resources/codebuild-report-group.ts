import {
  BatchGetReportGroupsCommand,
  CodeBuildClient,
  paginateListReportGroups,
} from '@aws-sdk/client-codebuild';
import { defineNormaliser } from '../../../core/provider.js';
import { eventsAt, itemIds } from '../../kit/resource.js';
import { at, bool, buildRecord, requireItem, requireString, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { defineCollector } from '../collector.js';
import { chunks } from '../collectors/pages.js';
import { defineAwsResource } from '../resource.js';

const TYPE = 'aws.codebuild.report_group';

/** CodeBuild report groups: ListReportGroups gives ARNs, BatchGetReportGroups the details, 100 a call. */
const collector = defineCollector({
  type: TYPE,
  service: 'codebuild',
  client: CodeBuildClient,
  scope: 'region',
  list: {
    permission: 'codebuild:ListReportGroups',
    alsoCalls: ['codebuild:BatchGetReportGroups'],
    all: async (client) => {
      const arns: string[] = [];
      for await (const page of paginateListReportGroups({ client }, {}))
        arns.push(...(page.reportGroups ?? []));
      const out: unknown[] = [];
      for (const batch of chunks(arns, 100))
        out.push(
          ...((await client.send(new BatchGetReportGroupsCommand({ reportGroupArns: batch }))).reportGroups ??
            []),
        );
      return out;
    },
  },
  getOne: { ids: (raw) => itemIds(raw, 'arn', 'name') },
});

const RAW = S.raw({
  item: S.obj({
    arn: S.str,
    name: S.str,
    exportConfig: S.obj({ exportConfigType: S.str, s3Destination: S.obj({ encryptionDisabled: S.bool }) }),
  }),
});

const normaliser = defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'codebuild',
  produces: [TYPE, 'build_report_group'],
  raw: RAW,
  normalise(raw, scope) {
    const g = requireItem(raw, TYPE);
    const arn = requireString(g, 'arn', TYPE, 'item.arn');
    const exportType = str(at(g, 'exportConfig.exportConfigType')) ?? 'NO_EXPORT';
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'build_report_group',
        reference: arn,
        name: str(g.name) ?? arn,
        service: 'codebuild',
        ext: {
          export_type: exportType,
          export_encrypted:
            exportType === 'S3'
              ? bool(at(g, 'exportConfig.s3Destination.encryptionDisabled')) !== true
              : null,
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
    events: {
      CreateReportGroup: ['responseElements.reportGroup.arn'],
      ...eventsAt(['UpdateReportGroup', 'DeleteReportGroup'], ['requestParameters.arn']),
    },
  },
});
