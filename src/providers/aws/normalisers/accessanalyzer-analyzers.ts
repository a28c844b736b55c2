import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { buildRecord, records, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.accessanalyzer.analyzers';

/** External access (zone of trust) analyzers; unused-access analyzers are a different feature. */
const EXTERNAL = new Set(['ACCOUNT', 'ORGANIZATION']);

const RAW = S.raw({
  item: S.obj({
    analyzers: S.list(z.looseObject({ name: S.str, arn: S.str, type: S.str, status: S.str })),
  }),
});

/** The IAM Access Analyzer analyzers of one region (ListAnalyzers). */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'accessanalyzer',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    if (!Array.isArray(item.analyzers)) throw new Error(`${TYPE}: missing required field item.analyzers`);
    const analyzers = records(item.analyzers).map((a) => ({
      name: str(a.name),
      arn: str(a.arn),
      type: str(a.type),
      status: str(a.status),
    }));
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'security_service',
        reference: awsArn('access-analyzer', scope.region, scope.account, 'analyzers', scope.partition),
        name: settingName('IAM Access Analyzer', scope),
        service: 'accessanalyzer',
        ext: {
          analyzers,
          external_access_active: analyzers.some(
            (a) => a.type !== null && EXTERNAL.has(a.type) && a.status === 'ACTIVE',
          ),
        },
        shape: {},
      }),
    ];
  },
});
