import { z } from 'zod';
import { defineNormaliser } from '../../../core/provider.js';
import { at, buildRecord, isRecord, records, requireItem, str } from '../../normalise-kit.js';
import * as S from '../../raw-shape.js';
import { awsArn, settingName } from './aws-common.js';

const TYPE = 'aws.inspector2.account_status';
const SCAN_TYPES = ['ec2', 'ecr', 'lambda', 'lambdaCode'] as const;

const SCAN_STATE = S.obj({ status: S.str });

const RAW = S.raw({
  item: S.obj({
    accounts: S.list(
      z.looseObject({
        accountId: S.str,
        state: SCAN_STATE,
        resourceState: S.obj({
          ec2: SCAN_STATE,
          ecr: SCAN_STATE,
          lambda: SCAN_STATE,
          lambdaCode: SCAN_STATE,
        }),
      }),
    ),
    failedAccounts: S.list(z.looseObject({ accountId: S.str, errorMessage: S.str, errorCode: S.str })),
  }),
});

/**
 * Amazon Inspector activation of the account in one region (BatchGetAccountStatus). enabled is
 * null when Inspector reported the account under failedAccounts or did not mention it.
 */
export default defineNormaliser({
  type: TYPE,
  cloud: 'aws',
  service: 'inspector2',
  produces: [TYPE],
  raw: RAW,
  normalise(raw, scope) {
    const item = requireItem(raw, TYPE);
    if (!Array.isArray(item.accounts)) throw new Error(`${TYPE}: missing required field item.accounts`);
    const mine = records(item.accounts).find((a) => str(a.accountId) === scope.account);
    const failed = records(item.failedAccounts).find((a) => str(a.accountId) === scope.account);
    const status = mine ? str(at(mine, 'state.status')) : null;
    const scans: Record<string, string | null> = {};
    if (mine && isRecord(mine.resourceState)) {
      for (const t of SCAN_TYPES) scans[t] = str(at(mine.resourceState, `${t}.status`));
    }
    return [
      buildRecord({
        raw,
        scope,
        origin: TYPE,
        extType: TYPE,
        recordType: 'security_service',
        reference: awsArn('inspector2', scope.region, scope.account, 'account-status', scope.partition),
        name: settingName('Amazon Inspector', scope),
        service: 'inspector2',
        ext: {
          status,
          enabled: status === null ? null : status === 'ENABLED',
          scan_types: scans,
          failure: failed ? (str(failed.errorMessage) ?? str(failed.errorCode) ?? 'failed') : null,
        },
        shape: {},
      }),
    ];
  },
});
